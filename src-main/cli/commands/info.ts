/**
 * `passerelle info [--server URL] [--json]`: this installation and whether the ENT server answers.
 */
import { DEFAULT_SERVER_URL } from '../../app';
import { createAppInfoService } from '../../core/app/info';
import { defaultDataRoot } from '../../core/paths';
import { APP_NAME, APP_VERSION } from '../../version';
import { AppError } from '../../../src-shared/errors';
import type { CliCommand } from '../command';

function flagValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (!value || value.startsWith('--')) throw new AppError('bad-request', `L'option ${name} attend une valeur.`);
  return value;
}

const info: CliCommand = {
  summary: "Informations sur cette installation et sur le serveur de l'ENT",
  async run(args, io) {
    if (args.includes('--help')) {
      io.stdout.write('Usage : passerelle info [--server URL] [--json]\n');
      return 0;
    }
    const serverUrl = flagValue(args, '--server') ?? process.env.PASSERELLE_SERVER_URL ?? DEFAULT_SERVER_URL;
    const service = createAppInfoService({ name: APP_NAME, version: APP_VERSION, host: 'cli', dataDir: defaultDataRoot(), serverUrl });
    const result = await service.info();
    if (args.includes('--json')) {
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
