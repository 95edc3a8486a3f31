import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/decorators/auth.decorators';
import { ConversationsService } from './conversations.service';
import { ListConversationsQuery } from './dto/conversations.query';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('conversations')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListConversationsQuery) {
    return this.conversations.list(actor, query);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.conversations.get(actor, id);
  }
}
