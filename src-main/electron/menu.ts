/**
 * The application menu, in French. Built from Electron's roles only (no click handler: nothing here can reach
 * the core). A packaged app has no developer tools and no reload; a development run (`npm start`) keeps them.
 * Pure, tested under plain Node: this file must not import `electron` at run time (main.ts passes the template
 * to Menu.buildFromTemplate).
 */

export type MenuRole =
  | 'about'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'window'
  | 'help';

export interface MenuEntry {
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  submenu?: MenuEntry[];
}

export interface MenuContext {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  appName: string;
}

const separator: MenuEntry = { type: 'separator' };

export function applicationMenuTemplate({ platform, isPackaged, appName }: MenuContext): MenuEntry[] {
  const mac = platform === 'darwin';
  const menu: MenuEntry[] = [];
  if (mac) {
    menu.push({
      label: appName,
      submenu: [
        { role: 'about', label: `À propos de ${appName}` },
        separator,
        { role: 'hide', label: `Masquer ${appName}` },
        { role: 'hideOthers', label: 'Masquer les autres' },
        { role: 'unhide', label: 'Tout afficher' },
        separator,
        { role: 'quit', label: `Quitter ${appName}` },
      ],
    });
  }
  menu.push({ label: 'Fichier', submenu: [mac ? { role: 'close', label: 'Fermer la fenêtre' } : { role: 'quit', label: 'Quitter' }] });
  menu.push({
    label: 'Édition',
    submenu: [
      { role: 'undo', label: 'Annuler' },
      { role: 'redo', label: 'Rétablir' },
      separator,
      { role: 'cut', label: 'Couper' },
      { role: 'copy', label: 'Copier' },
      { role: 'paste', label: 'Coller' },
      { role: 'selectAll', label: 'Tout sélectionner' },
    ],
  });
  const view: MenuEntry[] = [
    { role: 'resetZoom', label: 'Taille réelle' },
    { role: 'zoomIn', label: 'Zoom avant' },
    { role: 'zoomOut', label: 'Zoom arrière' },
    separator,
    { role: 'togglefullscreen', label: 'Plein écran' },
  ];
  if (!isPackaged) {
    view.push(
      separator,
      { role: 'reload', label: 'Recharger (développement)' },
      { role: 'forceReload', label: 'Forcer le rechargement (développement)' },
      { role: 'toggleDevTools', label: 'Outils de développement' },
    );
  }
  menu.push({ label: 'Affichage', submenu: view });
  menu.push({
    label: 'Fenêtre',
    role: 'window',
    submenu: mac
      ? [{ role: 'minimize', label: 'Réduire' }, { role: 'zoom', label: 'Agrandir' }, separator, { role: 'front', label: 'Tout ramener au premier plan' }]
      : [{ role: 'minimize', label: 'Réduire' }, { role: 'close', label: 'Fermer' }],
  });
  // macOS has « À propos » in the application menu.
  if (!mac) menu.push({ label: 'Aide', role: 'help', submenu: [{ role: 'about', label: `À propos de ${appName}` }] });
  return menu;
}

/** Every role in a template, submenus included (for the tests: no developer tools in a packaged app). */
export function menuRoles(template: MenuEntry[]): MenuRole[] {
  return template.flatMap((entry) => [...(entry.role ? [entry.role] : []), ...menuRoles(entry.submenu ?? [])]);
}
