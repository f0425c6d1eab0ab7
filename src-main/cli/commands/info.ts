/**
 * `passerelle info [--server URL] [--json]`: this installation and whether the ENT server answers.
 */
import { DEFAULT_SERVER_URL } from '../../app';
import { createAppInfoService } from '../../core/app/info';
import { defaultDataRoot } from '../../core/paths';
import { APP_NAME, APP_VERSION } from '../../version';
import type { CliCommand } from '../command';
import { parse } from './core-session';

const info: CliCommand = {
  summary: "Informations sur cette installation et sur le serveur de l'ENT",
  usage: 'passerelle info [--server URL] [--json]',
  async run(args, io) {
    const { values } = parse(args, { json: { type: 'boolean' } });
    const serverUrl = values.server ?? process.env.PASSERELLE_SERVER_URL ?? DEFAULT_SERVER_URL;
    const service = createAppInfoService({ name: APP_NAME, version: APP_VERSION, host: 'cli', dataDir: defaultDataRoot(), serverUrl });
    const result = await service.info();
    if (values.json) {
      io.stdout.write(JSON.stringify(result) + '\n');
    } else {
      io.stdout.write(`${result.name} ${result.version}\n`);
      io.stdout.write(`Dossier des données : ${result.dataDir}\n`);
      io.stdout.write(`Serveur de l'ENT : ${result.server.url} — ${result.server.reachable ? `répond (${result.server.name ?? ''} ${result.server.version ?? ''}, ${result.server.latencyMs ?? '?'} ms)` : 'ne répond pas'}\n`);
    }
    return result.server.reachable ? 0 : 3;
  },
};

export default info;
