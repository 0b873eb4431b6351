import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectCommander } from 'nest-commander';

/** The part of a commander `Command` this needs (commander comes with nest-commander). */
interface CommandTree {
  readonly commands: readonly CommandTree[];
  exitOverride(handler: (error: Error) => never): unknown;
}

/**
 * Commander exits the process itself on a usage error, with code 1, and only the root command
 * may be told otherwise by nest-commander. Every command here throws instead, so that `main` can
 * map help to 0 and bad flags to 2 (1 is for systemic failures).
 */
@Injectable()
export class CommanderExitSetup implements OnApplicationBootstrap {
  constructor(@InjectCommander() private readonly program: CommandTree) {}

  onApplicationBootstrap(): void {
    const visit = (command: CommandTree) => {
      command.exitOverride((error: Error) => {
        throw error;
      });
      command.commands.forEach(visit);
    };
    visit(this.program);
  }
}
