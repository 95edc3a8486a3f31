import { CanActivate, createParamDecorator, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { tokenFromRequest } from '../auth/guards/jwt-auth.guard';
import { VisitorTokenService } from '../auth/visitor-token.service';
import { Actor } from '../common/actor';
import { CompaniesService } from '../companies/companies.service';

/** Who is up- or downloading: the widget's visitor, or a logged-in staff member. */
export type AttachmentCaller = { kind: 'visitor'; visitorId: string; companyId: string } | { kind: 'staff'; actor: Actor };

type CallerRequest = Request & { attachmentCaller?: AttachmentCaller };

const header = (request: Request, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' && value ? value : undefined;
};

/** Preflight answers for the widget, which runs on the company's own site (no cookies: headers carry its auth). */
export const ATTACHMENT_CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'X-Widget-Key, X-Visitor-Token, Authorization, Content-Type',
  'Access-Control-Expose-Headers': 'Content-Disposition, Content-Length',
  'Access-Control-Max-Age': '600',
};

/**
 * Attachments take two kinds of callers, so the routes are @Public and this guard authenticates: a visitor by
 * `X-Widget-Key` + `X-Visitor-Token` (the same proof the widget's socket uses), otherwise staff by their JWT
 * (bearer or cookie). It runs before the upload is read, so an anonymous caller never costs a 10 MB buffer.
 */
@Injectable()
export class AttachmentCallerGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly companies: CompaniesService,
    private readonly visitorTokens: VisitorTokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<CallerRequest>();
    // Set first, so the widget can read refusals too.
    http.getResponse<Response>().setHeader('Access-Control-Allow-Origin', '*');
    request.attachmentCaller = await this.identify(request);
    return true;
  }

  private async identify(request: Request): Promise<AttachmentCaller> {
    const widgetKey = header(request, 'x-widget-key');
    const visitorToken = header(request, 'x-visitor-token');
    if (widgetKey || visitorToken) {
      if (!widgetKey || !visitorToken) throw new UnauthorizedException('A visitor sends both X-Widget-Key and X-Visitor-Token');
      const company = widgetKey.length <= 64 ? await this.companies.findActiveByWidgetKey(widgetKey) : null;
      if (!company) throw new UnauthorizedException('Unknown or disabled widget key');
      const visitor = await this.visitorTokens.verify(visitorToken, company.id);
      if (!visitor) throw new UnauthorizedException('Invalid visitor token');
      return { kind: 'visitor', ...visitor };
    }
    const token = tokenFromRequest(request);
    if (!token) throw new UnauthorizedException('Log in as staff, or send X-Widget-Key and X-Visitor-Token as the visitor');
    return { kind: 'staff', actor: await this.auth.actorFromToken(token) };
  }
}

export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): AttachmentCaller => {
  return ctx.switchToHttp().getRequest<CallerRequest>().attachmentCaller as AttachmentCaller;
});
