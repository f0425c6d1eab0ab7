import type { CliCommand } from '../command';
import { decidePair } from './pair-decision';

const command: CliCommand = {
  summary: "Associer un ancien compte à un élève de cette année (confirme aussi une association proposée)",
  usage: 'passerelle link <uai> <ancien_id> <nouveau_id> [--json] [--server URL]',
  run: (args, io) => decidePair(args, io, 'link'),
};
export default command;
