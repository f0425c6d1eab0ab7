/** The role screens' wording: lists in plain language, what moved named per app in a stable order, both catalogs. */
import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../../src-renderer/i18n';
import { appNames, listOf, movedText } from '../../../src-renderer/screens/roles/text';

const tFor = (locale: 'fr' | 'en') => (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);

describe('role screens wording', () => {
  it('lists with « et » / “and”', () => {
    expect(listOf([], 'fr')).toBe('');
    expect(listOf(['Blog'], 'fr')).toBe('Blog');
    expect(listOf(['Blog', 'Agenda', 'Cahier de liaison'], 'fr')).toBe('Blog, Agenda et Cahier de liaison');
    expect(listOf(['Blog', 'Calendar'], 'en')).toBe('Blog and Calendar');
  });

  it('says what moved per app, singular or plural, personal apps first, empty apps left out', () => {
    expect(movedText(tFor('fr'), { profile: 1, media: 5, messages: 34, blog: 0 }, 'fr')).toEqual({ text: '34 messages, 5 éléments de médiathèque et votre profil', n: 40 });
    expect(movedText(tFor('fr'), { liaison: 1, blog: 12, homework: 0 }, 'fr').text).toBe('12 articles de blog et 1 mot du cahier de liaison');
    expect(movedText(tFor('en'), { messages: 1 }, 'en').text).toBe('1 message');
    expect(movedText(tFor('fr'), {}, 'fr')).toEqual({ text: 'aucun élément', n: 0 });
  });

  it('names apps from the catalog', () => {
    expect(appNames(tFor('fr'), ['blog', 'media', 'homework'], 'fr')).toBe('Blog, Médiathèque et Cahier de textes');
    expect(appNames(tFor('fr'), ['inconnue'], 'fr')).toBe('inconnue');
  });
});
