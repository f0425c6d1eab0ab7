/**
 * Which sections an account gets after sign-in, from its roles (`GET /v1/me`): the one rule the desktop core, the
 * screens and the ENT's web portal agree on. Nobody is offered a section their role cannot use.
 * - director or referent: their schools' reconciliation (`school`), their own personal data (`personal-data`), and
 *   « Ma classe » (`my-class`) when they also teach (a teacher role, with or without a class chosen yet);
 * - a teacher who manages no school: « Ma classe » and « Mes anciennes données » (`old-data`: their old class
 *   spaces and their personal data); the class choice first while their class is not chosen;
 * - parents and pupils: the ENT's web portal (`portal`), never the director's screens;
 * - an account with no role this year: `none` (a message to contact the ENT referent).
 */
import type { Role } from '../api/common';

export const ROLE_SECTIONS = ['school', 'my-class', 'personal-data', 'old-data', 'portal', 'none'] as const;
export type RoleSection = (typeof ROLE_SECTIONS)[number];

export interface RoleFacts {
  year: 'new' | 'old';
  roles: ReadonlyArray<{ role: Role }>;
  mustChooseClass: boolean;
}

export interface RoleSections {
  sections: RoleSection[];
  /** The section opened after sign-in. */
  home: RoleSection;
  manages: boolean;
  teaches: boolean;
}

export function sectionsFor(me: RoleFacts): RoleSections {
  const has = (role: Role) => me.year === 'new' && me.roles.some((r) => r.role === role);
  const manages = has('director') || has('referent');
  const teaches = has('teacher');
  if (manages) return { sections: ['school', ...(teaches ? (['my-class'] as const) : []), 'personal-data'], home: 'school', manages, teaches };
  if (teaches) return { sections: ['my-class', 'old-data'], home: me.mustChooseClass ? 'my-class' : 'old-data', manages, teaches };
  if (has('parent') || has('pupil')) return { sections: ['portal'], home: 'portal', manages, teaches };
  return { sections: ['none'], home: 'none', manages, teaches };
}

/** Whether a section may be shown to this account (the screens and the core refuse the others). */
export function mayOpen(me: RoleFacts, section: RoleSection): boolean {
  return sectionsFor(me).sections.includes(section);
}
