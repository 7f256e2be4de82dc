import './workers.js';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './page.css';
import { choseToPersistHeaders, headerSafeStorage } from './storage.js';

/** What the server puts into the page (see ../page.ts). */
interface PageConfig {
  endpoint: string;
  examples: { query: string; variables?: string; headers?: string }[];
}

function readConfig(): PageConfig {
  const element = document.getElementById('graphiql-config');
  if (!element?.textContent) throw new Error('The page has no #graphiql-config');
  return JSON.parse(element.textContent) as PageConfig;
}

const config = readConfig();
const fetcher = createGraphiQLFetcher({ url: new URL(config.endpoint, document.baseURI).href });
const plugins = [HISTORY_PLUGIN, explorerPlugin()];

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      plugins={plugins}
      defaultTabs={config.examples}
      // Headers hold tokens: they stay out of localStorage until the person turns on "Persist
      // headers" in the settings. GraphiQL honours that stored choice only when told to persist,
      // so the choice is read here and passed on.
      shouldPersistHeaders={choseToPersistHeaders()}
      showPersistHeadersSettings
      storage={headerSafeStorage}
    >
      <GraphiQL.Logo>Folio</GraphiQL.Logo>
    </GraphiQL>
  </StrictMode>,
);
