// syncctl: operate a Syncline deployment through the Kubernetes API (reconcile now, status,
// pause/resume a destination). Runs from a workstation with a kubeconfig, or in the cluster:
//   node dist/apps/syncctl/src/main.js status
import { runSyncctl } from './run-syncctl';

runSyncctl(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
})
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`syncctl: ${String(error)}\n`);
    process.exitCode = 1;
  });
