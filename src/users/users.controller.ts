import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { ClientIp, CurrentActor, MinRole } from '../common/decorators/auth.decorators';
import { CreateUserDto, ListUsersQuery, toUserResponse, UpdateUserDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@MinRole('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  async list(@CurrentActor() actor: Actor, @Query() query: ListUsersQuery) {
    return (await this.users.list(actor, query)).map(toUserResponse);
  }

  @Post()
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto, @ClientIp() ip: string) {
    return toUserResponse(await this.users.create(actor, dto, ip));
  }

  @Get(':id')
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return toUserResponse(await this.users.get(actor, id));
  }

  @Patch(':id')
  async update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateUserDto, @ClientIp() ip: string) {
    return toUserResponse(await this.users.update(actor, id, dto, ip));
  }

  @Delete(':id')
  async deactivate(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @ClientIp() ip: string) {
    return toUserResponse(await this.users.deactivate(actor, id, ip));
  }
}
