import './fonts.css';
import './styles.css';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { I18nProvider } from './app/i18n';
import { preloadPage } from './app/pages';
import { loadConfig } from './app/session';

preloadPage(location.pathname);

const root = createRoot(document.getElementById('root')!);
loadConfig().then(
  (config) =>
    root.render(
      <I18nProvider>
        <App config={config} />
      </I18nProvider>,
    ),
  () =>
    root.render(
      <p className="notice error">
        Không tải được cấu hình bảng điều khiển. / The dashboard's configuration could not be loaded.
      </p>,
    ),
);
