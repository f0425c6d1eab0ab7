import type { CliCommand } from '../command';
import { decidePair } from './pair-decision';

const command: CliCommand = {
  summary: "Refuser une association proposée : ce ne sont pas le même enfant (l'élève recevra un identifiant, l'ancien compte ne suit pas)",
  usage: 'passerelle refuse <uai> <ancien_id> <nouveau_id> [--json] [--server URL]',
  run: (args, io) => decidePair(args, io, 'refuse'),
};
export default command;
