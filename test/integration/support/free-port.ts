// The scripts' helper: one way to find a free port.
export { freePort } from '../../../scripts/support/free-port';
