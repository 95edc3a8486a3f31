import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiHeader, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiKeysService } from '../auth/api-keys/api-keys.service';
import { Public } from '../common/decorators/auth.decorators';
import { RateLimit } from '../common/decorators/rate-limit.decorator';
import { CustomerChannelService } from './customer-channel.service';
import { ApiChatDto } from './dto/customer-events.dto';

/** The server-to-server channel: a company's backend talks to its assistant with an API key. */
@ApiTags('server-to-server')
@ApiSecurity('api-key')
@Controller('v1/chat')
export class ApiChatController {
  constructor(private readonly apiKeys: ApiKeysService, private readonly channel: CustomerChannelService) {}

  @Post()
  @Public()
  @RateLimit('public')
  @HttpCode(200)
  @ApiHeader({ name: 'X-API-Key', required: true })
  async chat(@Headers('x-api-key') key: string | undefined, @Body() dto: ApiChatDto) {
    return this.channel.apiChat(await this.apiKeys.authenticate(key), dto);
  }
}
