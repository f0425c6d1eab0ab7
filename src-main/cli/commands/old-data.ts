import { PERSONAL_APPS, SPACE_APPS, type PersonalApp, type SpaceApp } from '../../../src-shared/api/common';
import type { TeacherClassSpacesRequest } from '../../../src-shared/api/staff';
import { AppError } from '../../../src-shared/errors';
import type { CliCommand, CliIo } from '../command';
import { parse, prompt, withApp, type CliApp } from '../session';

/** `messages,media` → the known apps, or a French error naming the unknown ones. */
function appsOf<A extends string>(value: string | undefined, all: readonly A[], flag: string): A[] {
  if (value === undefined) return [...all];
  const asked = value.split(',').map((a) => a.trim()).filter(Boolean);
  const unknown = asked.filter((a) => !(all as readonly string[]).includes(a));
  if (unknown.length) throw new AppError('bad-request', `${flag} : application inconnue (${unknown.join(', ')}) ; au choix : ${all.join(', ')}.`);
  return all.filter((a) => asked.includes(a));
}

/** `messages 12, media 3`, in the order of `order` (the apps of personal data, or of a class space). */
const counts = (apps: Record<string, number>, order: readonly string[]): string =>
  Object.entries(apps)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => (order.includes(a) ? order.indexOf(a) : order.length) - (order.includes(b) ? order.indexOf(b) : order.length))
    .map(([a, n]) => `${a} ${n}`)
    .join(', ') || 'rien';

async function proveIfNeeded(cli: CliApp, io: CliIo, login: string | undefined, password: string | undefined): Promise<void> {
  const status = await cli.call('oldData.status', {});
  if (status.proven && !login) return;
  io.stderr.write("Votre compte de l'an dernier : en indiquant ses identifiants, vous confirmez en être le propriétaire ; son contenu suivra, le retour en arrière ne sera pas possible. Ils servent une seule fois et ne sont pas enregistrés.\n");
  const l = login ?? (await prompt(io, 'Ancien identifiant : '));
  const p = password ?? (await prompt(io, 'Ancien mot de passe : ', true));
  if (!l || !p) throw new AppError('bad-request', "Identifiant et mot de passe de l'an dernier requis.");
  const proven = await cli.call('oldData.prove', { login: l, password: p });
  io.stdout.write(`Ancien compte vérifié : ${proven.oldAccount.prenom} ${proven.oldAccount.nom} (${proven.oldAccount.login}).\n`);
}

const command: CliCommand = {
  summary: "Mes données de l'an dernier : l'ancien compte prouvé, puis ses données personnelles et, pour un enseignant, l'espace de son ancienne classe (définitif)",
  usage: 'passerelle old-data [--recover [--apps messages,media,profile] [--class-apps blog,media,calendar,homework,liaison | --skip-class] [--yes]] [--legacy-login ID --legacy-password MDP] [--json] [--server URL]',
  async run(args, io) {
    const { values } = parse(
      args,
      { recover: { type: 'boolean' }, apps: { type: 'string' }, 'class-apps': { type: 'string' }, 'skip-class': { type: 'boolean' }, yes: { type: 'boolean', short: 'y' }, 'legacy-login': { type: 'string' }, 'legacy-password': { type: 'string' }, json: { type: 'boolean' } },
      { positionals: false },
    );
    const personalApps: PersonalApp[] = appsOf(values.apps, PERSONAL_APPS, '--apps');
    const classApps: SpaceApp[] = appsOf(values['class-apps'], SPACE_APPS, '--class-apps');
    return withApp(args, async (cli) => {
      if (values.recover || values['legacy-login']) await proveIfNeeded(cli, io, values['legacy-login'], values['legacy-password']);
      const status = await cli.call('oldData.status', {});
      if (!values.recover) {
        if (values.json) io.stdout.write(JSON.stringify(status, null, 2) + '\n');
        else {
          io.stdout.write(status.proven ? `Ancien compte vérifié : ${status.proven.oldAccount.login}.\n` : "Ancien compte pas encore vérifié (passerelle old-data --recover le demande).\n");
          io.stdout.write(status.personal.claim ? `Données personnelles déjà récupérées depuis ${status.personal.claim.oldLogin}.\n` : `Données personnelles de l'ancien compte : ${status.personal.old ? counts(status.personal.old.apps, PERSONAL_APPS) : 'inconnues avant la vérification'}.\n`);
          for (const o of status.classSpaces?.old ?? []) io.stdout.write(`Ancienne classe ${o.label} (${o.schoolName}) : ${o.state === 'available' ? `à choisir — ${counts(o.apps, SPACE_APPS)}` : o.state === 'school' ? 'reprise par le lot de l’école' : o.state === 'mine' ? 'reprise par vous' : 'reprise par un autre enseignant'}.\n`);
          for (const m of status.classSpaces?.incoming ?? []) io.stdout.write(`${m.newLabel} reçoit l'espace de « ${m.oldLabel} » (${m.by === 'school' ? "lot de l'école" : 'un enseignant'}).\n`);
        }
        return 0;
      }
      const spaces = status.classSpaces;
      const available = spaces && !spaces.answer ? (spaces.old ?? []).filter((o) => o.state === 'available') : [];
      const target = spaces?.targets[0];
      if (available.length > 0 && !target && !values['skip-class']) throw new AppError('bad-request', "Choisissez d'abord votre classe : passerelle class --choose <identifiant>.");
      const request: TeacherClassSpacesRequest = {
        classes: available.map((o) => (values['skip-class'] || !target ? { action: 'skip' as const, oldClassId: o.id } : { action: 'recover' as const, oldClassId: o.id, newClassId: target.id, apps: classApps })),
      };
      const doPersonal = !status.personal.claim && status.personal.old !== null && !status.personal.old.taken;
      io.stdout.write('Ce qui va se faire (définitif) :\n');
      for (const c of request.classes) io.stdout.write(`  « ${available.find((o) => o.id === c.oldClassId)?.label ?? c.oldClassId} » ${c.action === 'recover' ? `vers ${target?.label ?? ''} : ${c.apps.join(', ')}` : ': rien de repris'}\n`);
      if (doPersonal) io.stdout.write(`  Données personnelles : ${personalApps.join(', ')}\n`);
      if (request.classes.length === 0 && !doPersonal) {
        io.stdout.write('  Rien : tout est déjà fait (ou déjà repris par le lot de l’école).\n');
        return 0;
      }
      if (!values.yes && (await prompt(io, 'Tapez OUI pour confirmer : ')).toUpperCase() !== 'OUI') {
        io.stdout.write('Rien n’a bougé.\n');
        return 1;
      }
      const classes = request.classes.length > 0 ? await cli.call('oldData.recoverClassSpaces', request) : null;
      const personal = doPersonal ? await cli.call('oldData.recoverPersonal', { apps: personalApps }) : null;
      if (values.json) io.stdout.write(JSON.stringify({ classes, personal }) + '\n');
      else {
        for (const m of classes?.moved ?? []) io.stdout.write(`Espace de classe repris : ${counts(m.moved, SPACE_APPS)}.\n`);
        if (personal) io.stdout.write(`Données personnelles reprises : ${counts(personal.moved, PERSONAL_APPS)}.\n`);
      }
      return 0;
    }, { io });
  },
};
export default command;
