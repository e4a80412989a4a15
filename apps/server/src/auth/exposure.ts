import { GlyphError } from '@glyph/core';
import { isLoopbackAddress } from '../security/allowed-hosts';
import { KeyRing } from './key-ring';

export interface ExposureSettings {
  readonly host: string;
  readonly apiKeysFile: string | null;
  readonly apiKeys: readonly string[];
  readonly requireKeys: boolean;
  readonly allowNoAuth: boolean;
}

/**
 * Refuses (BAD_USAGE) to listen beyond this machine with nothing guarding the write routes, i.e. on
 * a non-loopback address with no API key configured or with `--no-auth`, unless `--allow-no-auth`
 * says that is meant. Without keys but with auth on, writes answer 401 and predict stays open.
 */
export async function assertSafeExposure(settings: ExposureSettings): Promise<void> {
  if (isLoopbackAddress(settings.host) || settings.allowNoAuth) return;
  if (!settings.requireKeys) {
    throw new GlyphError(
      'BAD_USAGE',
      `--no-auth on --host ${settings.host} would let anyone on the network write feedback and install models. Configure keys with --api-keys <file> instead, or add --allow-no-auth if that is really meant.`,
    );
  }
  const keys = new KeyRing({ file: settings.apiKeysFile, inline: settings.apiKeys });
  await keys.reload();
  if (keys.size === 0) {
    throw new GlyphError(
      'BAD_USAGE',
      `--host ${settings.host} listens beyond this machine, but no API key is configured. Pass --api-keys <file> (or $GLYPH_API_KEYS) with hashed keys (see docs/serving.md, Authentication), or --allow-no-auth to serve predictions only (writes answer 401).`,
    );
  }
}
