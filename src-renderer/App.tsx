import { useLocale, useT, type Locale } from './i18n';
import { Home } from './screens/Home';

export function App() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  return (
    <div className="app">
      <header className="app-header">
        <h1>{t('app.title')}</h1>
        <p>{t('app.tagline')}</p>
        <label>
          {t('language')}{' '}
          <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
        </label>
      </header>
      <Home />
    </div>
  );
}
