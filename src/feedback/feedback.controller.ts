import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor, MinRole } from '../common/decorators/auth.decorators';
import { ListFeedbackQuery } from './dto/feedback.dto';
import { FeedbackService } from './feedback.service';

@ApiTags('feedback')
@ApiBearerAuth()
@Controller('feedback')
@MinRole('admin')
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListFeedbackQuery) {
    return this.feedback.list(actor, query);
  }
}
