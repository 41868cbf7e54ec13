import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  CancelTaskUseCase,
  CreateTaskUseCase,
  type EventsResponse,
  GetTaskUseCase,
  ListEventsUseCase,
  ListTasksUseCase,
  IDEMPOTENCY_KEY_HEADER,
  ListStepsUseCase,
  parseCreateTaskRequest,
  parseIdempotencyKey,
  parseListEventsQuery,
  parseListTasksQuery,
  type Principal,
  schemaRef,
  type StepsResponse,
  TaskPresenter,
  type TaskResponse,
  type TasksResponse,
} from '@webbyflow/api';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ApiErrorResponses, ApiJsonResponse, ApiKeyProtected } from '../openapi/api-docs.decorators';

const TaskIdParam = () => ApiParam({ name: 'id', description: 'Task id, as returned by POST /v1/tasks.' });
const NotFound = [404, 'TASK_NOT_FOUND: no such task in your org'] as [number, string];

@ApiTags('tasks')
@ApiKeyProtected()
@UseGuards(ApiKeyGuard)
@Controller('v1/tasks')
export class TasksController {
  constructor(
    private readonly createTask: CreateTaskUseCase,
    private readonly getTask: GetTaskUseCase,
    private readonly listSteps: ListStepsUseCase,
    private readonly listEvents: ListEventsUseCase,
    private readonly listTasks: ListTasksUseCase,
    private readonly cancelTask: CancelTaskUseCase,
    private readonly presenter: TaskPresenter,
  ) {}

  @Post()
  @ApiOperation({ operationId: 'createTask', summary: 'Start a task: a URL, a goal, optional data and output schema' })
  @ApiBody({ schema: schemaRef('CreateTaskRequest') })
  @ApiJsonResponse(201, 'TaskResponse', 'The task, queued for a browser')
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: false,
    description: 'Up to 255 characters, kept 24 h per org: a repeat with the same body returns the same task.',
  })
  @ApiErrorResponses(
    [400, 'VALIDATION_FAILED: `fields` names each bad field and what to send'],
    [409, 'IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used with a different body'],
  )
  @ApiJsonResponse(429, 'ErrorResponse', 'QUEUE_FULL: too many tasks wait to start; the message names the limit', {
    'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } },
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: unknown,
  ): Promise<TaskResponse> {
    const spec = parseCreateTaskRequest(body);
    return this.presenter.task(await this.createTask.execute(principal, spec, parseIdempotencyKey(idempotencyKey)));
  }

  @Get()
  @ApiOperation({ operationId: 'listTasks', summary: "The org's tasks, newest first, paged" })
  @ApiQuery({ name: 'status', required: false, description: 'only tasks with this status' })
  @ApiQuery({ name: 'after', required: false, description: '`next_cursor` of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: 'tasks per page, 1 to 200 (default 50)' })
  @ApiJsonResponse(200, 'TasksResponse', 'A page of tasks')
  @ApiErrorResponses([400, 'VALIDATION_FAILED: `status`, `after` or `limit` is malformed'])
  async list(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Promise<TasksResponse> {
    return this.presenter.tasks(await this.listTasks.execute(principal, parseListTasksQuery(query)));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getTask', summary: 'A task, its status, output and artifacts' })
  @TaskIdParam()
  @ApiJsonResponse(200, 'TaskResponse', 'The task')
  @ApiErrorResponses(NotFound)
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<TaskResponse> {
    return this.presenter.task(await this.getTask.execute(principal, id));
  }

  @Get(':id/steps')
  @ApiOperation({ operationId: 'listTaskSteps', summary: 'Every step of a run: page, reasoning, actions, links' })
  @TaskIdParam()
  @ApiJsonResponse(200, 'StepsResponse', 'The steps, oldest first')
  @ApiErrorResponses(NotFound)
  async steps(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<StepsResponse> {
    return this.presenter.steps(await this.listSteps.execute(principal, id));
  }

  @Get(':id/events')
  @ApiOperation({ operationId: 'listTaskEvents', summary: 'Every event of a run on the event stream, in order, paged' })
  @TaskIdParam()
  @ApiQuery({ name: 'after', required: false, description: '`next_cursor` of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: 'events per page, 1 to 500 (default 200)' })
  @ApiJsonResponse(200, 'EventsResponse', 'A page of events, oldest first')
  @ApiErrorResponses(NotFound, [400, 'VALIDATION_FAILED: `limit` or `after` is malformed'])
  async events(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query() query: unknown,
  ): Promise<EventsResponse> {
    return this.presenter.events(await this.listEvents.execute(principal, id, parseListEventsQuery(query)));
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ operationId: 'cancelTask', summary: 'Stop a queued or running task' })
  @TaskIdParam()
  @ApiJsonResponse(200, 'TaskResponse', 'The task, canceled')
  @ApiErrorResponses(NotFound, [409, 'TASK_ALREADY_FINISHED: the run has already ended'])
  async cancel(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<TaskResponse> {
    return this.presenter.task(await this.cancelTask.execute(principal, id));
  }
}
