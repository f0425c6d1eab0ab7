/** The portal's one stylesheet (served at `/portail.css`; the CSP allows styles from the server only, no inline style). */
export const PORTAL_CSS = `
:root {
  --text: #1b1f24;
  --muted: #4a5360;
  --line: #c9ced6;
  --bg: #f4f6f9;
  --card: #ffffff;
  --primary: #1747a6;
  --primary-dark: #0f3278;
  --focus: #f2b705;
  --error: #a4161a;
  --error-bg: #fdecec;
  --ok: #1b5e20;
  --ok-bg: #e8f5e9;
  --warn: #7a4b00;
  --warn-bg: #fff4dc;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
  font-size: 100%;
  line-height: 1.5;
  color: var(--text);
  background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--primary); text-underline-offset: 0.15em; }
a:hover { color: var(--primary-dark); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 5px var(--text); }
.skip { position: absolute; left: 0.5rem; top: -3rem; background: var(--card); padding: 0.5rem 1rem; z-index: 10; }
.skip:focus { top: 0.5rem; }
.site-header { background: var(--primary-dark); color: #fff; }
.site-header .bar { max-width: 46rem; margin: 0 auto; padding: 0.75rem 1rem; display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; justify-content: space-between; }
.site-header a.brand { color: #fff; font-weight: 700; font-size: 1.15rem; text-decoration: none; }
.site-header a.brand:hover { text-decoration: underline; }
.site-header .who { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; }
.site-header form { margin: 0; }
.site-header .link-button { color: #fff; border-color: #fff; background: transparent; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
main:focus { outline: none; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.3rem; margin: 1.5rem 0 0.75rem; }
h3 { font-size: 1.1rem; margin: 1rem 0 0.5rem; }
p { margin: 0 0 1rem; }
.lead { font-size: 1.125rem; }
.muted { color: var(--muted); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 0.5rem; padding: 1.25rem 1.25rem 0.5rem; margin: 0 0 1.25rem; }
.card > h2:first-child { margin-top: 0; }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; margin: 1.25rem 0 1rem; }
.button, button { display: inline-block; font: inherit; font-weight: 600; padding: 0.65rem 1.2rem; border-radius: 0.4rem; border: 2px solid var(--primary); background: var(--primary); color: #fff; cursor: pointer; text-decoration: none; line-height: 1.3; }
.button:hover, button:hover { background: var(--primary-dark); border-color: var(--primary-dark); color: #fff; }
.button.secondary, button.secondary { background: var(--card); color: var(--primary); }
.button.secondary:hover, button.secondary:hover { background: #e8eefb; color: var(--primary-dark); }
button.danger { background: var(--error); border-color: var(--error); }
.link-button { background: none; border: 1px solid currentColor; padding: 0.3rem 0.75rem; font-weight: 500; }
.field { margin: 0 0 1.1rem; }
label, legend { display: block; font-weight: 600; margin: 0 0 0.3rem; }
.hint { display: block; color: var(--muted); font-size: 0.95rem; margin: 0 0 0.35rem; }
input[type="text"], input[type="password"], input[type="email"] { display: block; width: 100%; max-width: 26rem; font: inherit; padding: 0.55rem 0.65rem; border: 2px solid #6b7480; border-radius: 0.3rem; background: #fff; color: var(--text); }
input[aria-invalid="true"] { border-color: var(--error); }
.field-error { color: var(--error); font-weight: 600; margin: 0 0 0.35rem; }
fieldset { border: 0; padding: 0; margin: 0 0 1.1rem; }
.choice { display: flex; gap: 0.65rem; align-items: flex-start; padding: 0.75rem; border: 1px solid var(--line); border-radius: 0.4rem; margin: 0 0 0.6rem; background: var(--card); }
.choice input { width: 1.25rem; height: 1.25rem; margin: 0.15rem 0 0; flex: none; }
.choice label { font-weight: 600; margin: 0; }
.choice .hint { margin: 0.2rem 0 0; font-weight: 400; }
.error-summary { border: 3px solid var(--error); background: var(--error-bg); border-radius: 0.4rem; padding: 1rem 1.25rem 0.25rem; margin: 0 0 1.5rem; }
.error-summary h2 { margin: 0 0 0.5rem; font-size: 1.15rem; color: var(--error); }
.error-summary ul { margin: 0 0 0.75rem; padding-left: 1.25rem; }
.error-summary a { color: var(--error); font-weight: 600; }
.notice { border-left: 6px solid var(--ok); background: var(--ok-bg); padding: 0.85rem 1rem; margin: 0 0 1.25rem; border-radius: 0.25rem; }
.notice.info { border-color: var(--primary); background: #e8eefb; }
.warning { border-left: 6px solid var(--warn); background: var(--warn-bg); padding: 0.85rem 1rem; margin: 0 0 1.25rem; border-radius: 0.25rem; }
.warning strong { color: var(--warn); }
.warning > p:last-child, .notice > p:last-child { margin-bottom: 0; }
.steps { list-style: none; display: flex; flex-wrap: wrap; gap: 0.5rem; padding: 0; margin: 0 0 1rem; }
.steps li { padding: 0.25rem 0.75rem; border: 1px solid var(--line); border-radius: 1rem; background: var(--card); color: var(--muted); font-size: 0.95rem; }
.steps li[aria-current="step"] { border-color: var(--primary); color: var(--primary-dark); font-weight: 700; }
.steps li.done { color: var(--ok); }
.counts { margin: 0 0 1rem; padding-left: 1.25rem; }
.counts li { margin: 0 0 0.25rem; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 0.4rem 1rem; margin: 0 0 1rem; }
dl.summary dt { font-weight: 600; }
dl.summary dd { margin: 0; }
.site-footer { max-width: 46rem; margin: 0 auto; padding: 1rem; color: var(--muted); font-size: 0.9rem; border-top: 1px solid var(--line); }
@media (max-width: 30rem) { h1 { font-size: 1.45rem; } dl.summary { grid-template-columns: 1fr; } }
@media print { .site-header form, .skip { display: none; } }
`;
