import type { CliCommand } from '../command';
import { decidePair } from './pair-decision';

const command: CliCommand = {
  summary: "Retirer l'association d'un élève de cette année (il recevra un identifiant ; l'ancien compte ne suit pas ; annulable)",
  usage: 'passerelle unlink <uai> <nouveau_id> [--json] [--server URL]',
  run: (args, io) => decidePair(args, io, 'unlink'),
};
export default command;
