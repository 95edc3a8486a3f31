import { Logger, NotFoundException } from '@nestjs/common';
import { SubscribeMessage } from '@nestjs/websockets';
import { MESSAGE_METADATA } from '@nestjs/websockets/constants';
import { IsInt, IsString, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { WsAck } from './ws-ack.decorator';

class PingDto {
  @IsString()
  text: string;

  @Type(() => Number) @IsInt() @Min(0)
  afterSeq: number;
}

class Gateway {
  calls: unknown[] = [];

  @SubscribeMessage('ping')
  @WsAck()
  async ping(socket: unknown, dto: PingDto) {
    this.calls.push(dto);
    if (dto.text === 'missing') throw new NotFoundException('Conversation not found');
    if (dto.text === 'boom') throw new Error('database exploded: secret=hunter2');
    return { echo: dto.text, seq: dto.afterSeq, isDto: dto instanceof PingDto, self: this instanceof Gateway };
  }

  @WsAck()
  nothing() {
    return undefined;
  }
}

describe('@WsAck', () => {
  const gateway = new Gateway();
  beforeEach(() => { gateway.calls = []; });

  it('hands the handler a validated, transformed DTO and acks {ok: true, ...result}', async () => {
    await expect(gateway.ping({}, { text: 'hi', afterSeq: '3' } as never)).resolves.toEqual({ ok: true, echo: 'hi', seq: 3, isDto: true, self: true });
  });

  it('acks a bad payload with validation_failed and the fields, and never calls the handler', async () => {
    const ack = (await gateway.ping({}, { afterSeq: -1 } as never)) as unknown as { ok: boolean; error: { code: string; details: { field: string }[] } };
    expect(ack.ok).toBe(false);
    expect(ack.error.code).toBe('validation_failed');
    expect(ack.error.details.map((d) => d.field).sort()).toEqual(['afterSeq', 'text']);
    expect(gateway.calls).toEqual([]);
  });

  it('refuses unknown fields and non-object payloads', async () => {
    expect(await gateway.ping({}, { text: 'hi', afterSeq: 1, admin: true } as never)).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await gateway.ping({}, 'hi' as never)).toMatchObject({ ok: false });
    expect(gateway.calls).toEqual([]);
  });

  it('turns an HttpException into its code and message', async () => {
    expect(await gateway.ping({}, { text: 'missing', afterSeq: 0 })).toEqual({ ok: false, error: { code: 'not_found', message: 'Conversation not found' } });
  });

  it('hides an unexpected error behind internal_error and logs it', async () => {
    const log = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const ack = await gateway.ping({}, { text: 'boom', afterSeq: 0 });
    expect(ack).toEqual({ ok: false, error: { code: 'internal_error', message: 'Something went wrong on our side' } });
    expect(JSON.stringify(ack)).not.toContain('hunter2');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('Gateway.ping'));
    log.mockRestore();
  });

  it('acks {ok: true} for a handler that returns nothing', async () => {
    await expect(gateway.nothing()).resolves.toEqual({ ok: true });
  });

  it('keeps the metadata Nest reads from the handler', () => {
    expect(Reflect.getMetadata(MESSAGE_METADATA, Gateway.prototype.ping)).toBe('ping');
    expect(Gateway.prototype.ping.name).toBe('ping');
  });
});
