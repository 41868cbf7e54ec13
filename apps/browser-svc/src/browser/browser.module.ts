import { type DynamicModule, Global, Module } from '@nestjs/common';
import {
  ActionExecutor,
  BrowserSessionManager,
  ChromiumLauncher,
  PageScraper,
  type BrowserConfig,
} from '@webbyflow/browser';
import { BrowserLifecycle } from './browser.lifecycle';
import { BROWSER_CONFIG } from './browser.tokens';

/** The one Chromium of this process, its sessions, the scraper and the action executor. */
@Global()
@Module({})
export class BrowserModule {
  static forRoot(config: BrowserConfig): DynamicModule {
    return {
      module: BrowserModule,
      providers: [
        { provide: BROWSER_CONFIG, useValue: config },
        { provide: ChromiumLauncher, useFactory: () => new ChromiumLauncher(config) },
        {
          provide: BrowserSessionManager,
          inject: [ChromiumLauncher],
          useFactory: (launcher: ChromiumLauncher) => new BrowserSessionManager(launcher, config),
        },
        { provide: PageScraper, useFactory: () => new PageScraper(config) },
        { provide: ActionExecutor, useFactory: () => new ActionExecutor(config) },
        BrowserLifecycle,
      ],
      exports: [BROWSER_CONFIG, ChromiumLauncher, BrowserSessionManager, PageScraper, ActionExecutor],
    };
  }
}
