// A chip in the header while a project trains, so the user sees it go on from any view.
import { routeHref } from '../app/route';
import { useJob } from './teach-jobs';

export function JobChip() {
  const job = useJob();
  if (job?.status !== 'running') return null;
  const percent = Math.round((job.progress?.fraction ?? 0) * 100);
  return (
    <a
      className="job-chip"
      href={routeHref({ view: 'project', projectId: job.projectId })}
      data-testid="job-chip"
      data-status={job.status}
    >
      Training… {percent}%
    </a>
  );
}
