import type { Actor } from '@leadledger/auth';
import type { EngineConfig } from '@leadledger/platform';
import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CurrentActor, Public, Roles } from '../auth/auth.decorators';
import { CONSOLE_ASSETS, consoleDirectory } from './console-files';
import { ConsoleSessionDto } from './console-session.dto';
import { ENGINE_CONFIG } from '../platform/tokens';

/**
 * The console's own policy, stricter than the API's default: its files and its API calls come
 * from this origin only. Without `upgrade-insecure-requests`, so an engine reached over plain
 * HTTP on a company network (not localhost) still loads its console; over HTTPS nothing differs.
 */
const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The operations console: its page and bundle are public (the key is typed into the page and
 * kept in the tab's session storage); every figure it shows comes from the API with that key.
 */
@ApiTags('console')
@Controller('console')
export class ConsoleController {
  private readonly directory = consoleDirectory();

  constructor(@Inject(ENGINE_CONFIG) private readonly config: EngineConfig) {}

  @Public()
  @Get()
  @ApiExcludeEndpoint()
  page(@Res() res: Response): void {
    this.send(res, 'index.html');
  }

  /**
   * Who the key is: the console shows only the views this role may use, and a rep only their own;
   * and the zone business days are counted in, for the days and months its pickers start on.
   */
  @Get('session')
  @Roles('admin', 'manager', 'finance', 'service', 'rep')
  @ApiBearerAuth()
  @ApiOkResponse({ type: ConsoleSessionDto })
  session(@CurrentActor() actor: Actor): ConsoleSessionDto {
    return { role: actor.role, repId: actor.repId, timeZone: this.config.timeZone };
  }

  @Public()
  @Get('assets/:file')
  @ApiExcludeEndpoint()
  asset(@Param('file') file: string, @Res() res: Response): void {
    if (!CONSOLE_ASSETS.has(file)) throw new NotFoundException(`No console file ${file}`);
    this.send(res, file);
  }

  private send(res: Response, file: string): void {
    if (!this.directory || !existsSync(join(this.directory, file))) {
      throw new NotFoundException('The console is not built: run npm run build');
    }
    res.sendFile(file, {
      root: this.directory,
      // Revalidated on every load (ETag), so a rebuilt console is never served stale.
      headers: { 'Cache-Control': 'no-cache', 'Content-Security-Policy': CONSOLE_CSP },
    });
  }
}
