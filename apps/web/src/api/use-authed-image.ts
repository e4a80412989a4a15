// An <img> cannot send the API key: with a key set, protected images (feedback samples) are fetched
// with it and shown from an object URL.
import { useEffect, useState } from 'react';
import { authHeaders } from './api-key';

export function useAuthedImageUrl(url: string): string | undefined {
  const keyed = Object.keys(authHeaders()).length > 0;
  const [objectUrl, setObjectUrl] = useState<string>();
  useEffect(() => {
    if (!keyed) return;
    let live = true;
    let created: string | undefined;
    fetch(url, { headers: authHeaders() })
      .then((response) => (response.ok ? response.blob() : null))
      .then((blob) => {
        if (!blob || !live) return;
        created = URL.createObjectURL(blob);
        setObjectUrl(created);
      })
      .catch(() => undefined);
    return () => {
      live = false;
      if (created) URL.revokeObjectURL(created);
    };
  }, [url, keyed]);
  return keyed ? objectUrl : url;
}
