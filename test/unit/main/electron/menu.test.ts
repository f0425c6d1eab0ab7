import { describe, expect, it } from 'vitest';
import { applicationMenuTemplate, menuRoles, type MenuEntry } from '../../../../src-main/electron/menu';

const labels = (template: MenuEntry[]): string[] => template.flatMap((e) => [...(e.label ? [e.label] : []), ...labels(e.submenu ?? [])]);

describe('application menu', () => {
  it('has no developer tools and no reload in a packaged app, on any system', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      const roles = menuRoles(applicationMenuTemplate({ platform, isPackaged: true, appName: 'Passerelle' }));
      expect(roles, platform).not.toContain('toggleDevTools');
      expect(roles, platform).not.toContain('reload');
      expect(roles, platform).not.toContain('forceReload');
      expect(roles, platform).toEqual(expect.arrayContaining(['quit', 'undo', 'redo', 'copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom', 'minimize']));
    }
  });

  it('keeps the developer tools in a development run', () => {
    expect(menuRoles(applicationMenuTemplate({ platform: 'linux', isPackaged: false, appName: 'Passerelle' }))).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });

  it('speaks French', () => {
    const windows = applicationMenuTemplate({ platform: 'win32', isPackaged: true, appName: 'Passerelle' });
    expect(windows.map((m) => m.label)).toEqual(['Fichier', 'Édition', 'Affichage', 'Fenêtre', 'Aide']);
    expect(labels(windows)).toEqual(expect.arrayContaining(['Quitter', 'Annuler', 'Rétablir', 'Couper', 'Copier', 'Coller', 'Tout sélectionner', 'Plein écran', 'À propos de Passerelle']));
    for (const entry of windows.flatMap((m) => m.submenu ?? [])) {
      if (entry.type !== 'separator') expect(entry.label, JSON.stringify(entry)).toBeTruthy();
    }
    const mac = applicationMenuTemplate({ platform: 'darwin', isPackaged: true, appName: 'Passerelle' });
    expect(mac.map((m) => m.label)).toEqual(['Passerelle', 'Fichier', 'Édition', 'Affichage', 'Fenêtre']);
    expect(labels(mac)).toEqual(expect.arrayContaining(['Quitter Passerelle', 'Masquer Passerelle', 'Fermer la fenêtre']));
  });
});
