/**
 * `passerelle info [--server URL] [--json]`: this installation and whether the ENT server answers.
 */
import { createAppInfoService, defaultDataRoot, resolveServerUrl } from '../../core';
import { proxyFromEnvironment } from '../../net/proxy';
import { APP_NAME, APP_VERSION } from '../../version';
import type { CliCommand } from '../command';
import { parse } from '../session';

const info: CliCommand = {
  summary: "Informations sur cette installation et sur le serveur de l'ENT",
  usage: 'passerelle info [--server URL] [--json]',
  async run(args, io) {
    const { values } = parse(args, { json: { type: 'boolean' } });
    const dataDir = defaultDataRoot();
    // An explicit address is shown as typed even when malformed (then: unreachable); otherwise the app's choice.
    const serverUrl = values.server ?? (process.env.PASSERELLE_SERVER_URL || resolveServerUrl(dataDir));
    const service = createAppInfoService({ name: APP_NAME, version: APP_VERSION, host: 'cli', dataDir, serverUrl, proxyFor: proxyFromEnvironment() });
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
