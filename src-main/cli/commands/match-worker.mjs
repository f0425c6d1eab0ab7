// Worker thread of `passerelle match` for big files: parses the same two CSV files as the main thread and
// matches the second half of the schools, returning JSON text. Plain JavaScript because a worker does not
// inherit tsx's loader: it registers tsx itself, then loads the TypeScript modules.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runMatchShare } = await import('./match-share.ts');
parentPort.postMessage(runMatchShare(workerData));
