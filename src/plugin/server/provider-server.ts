/**
 * A provider definition served as a ProviderService (in the manner of
 * terraform-plugin-framework's server): decodes requests against the schemas,
 * dispatches by type name to resources and data sources, encodes answers. Every
 * RPC answers with diagnostics instead of throwing; values of secret attributes
 * (sensitive or write-only in the schema) are registered with the logger's mask
 * as soon as they are decoded, and every diagnostic passes through that mask.
 *
 * Knows no particular provider: the definition supplies the name, schemas, the
 * configure step and the types.
 */
import { tfplugin6 } from '../protocol/generated/tfplugin6';
import { log as protocolLog, redact, registerSecret } from '../protocol/logger';
import type { CallContext, ProviderService } from '../protocol/provider-service';
import type { Diagnostic } from '../diagnostics';
import { DiagnosticsError, errorDiag, hasErrors } from '../diagnostics';
import { identityObjectType, toTfpluginIdentitySchema } from '../schema/identity';
import { objectTypeOf, secretAttributeNames, type BlockSchema } from '../schema/model';
import { toTfpluginSchema } from '../schema/to-tfplugin';
import { validateConfig } from '../validators/run-validators';
import { ObjectView } from '../values/object-view';
import { isKnown, record, type Value } from '../values/value';
import { decodeDynamicValue, decodeOptionalDynamicValue, toDynamicValue, toWireDiagnostics, toWirePath, wireDeferred } from '../wire';
import type { DataSource } from './data-source';
import type { ListResource } from './list-resource';
import type { ProviderDefinition } from './provider-definition';
import type { ProviderLogger, RequestContext } from './request-context';
import type { ManagedResource, PlanResponse, ResourceIdentity, StateResponse } from './resource';
import { offerSentence, TypeKind } from './type-registry';
import { notReadyDiagnostic, statusAfterConfigure, type ProviderStatus } from './provider-status';
import { planAttributes, type AttributePlan } from '../plan-modifiers/plan-attributes';
import { decodeJson } from '../values/json-codec';
import { unsupportedRpcs } from './unsupported-rpcs';

export interface ServerOptions {
  /** Where the server and the types log (tests pass their own). */
  logger?: ProviderLogger;
}

const SERVER_CAPABILITIES: tfplugin6.IServerCapabilities = {
  planDestroy: true,
  getProviderSchemaOptional: true,
  moveResourceState: false,
};

export function createProviderServer<Data>(definition: ProviderDefinition<Data>, options: ServerOptions = {}): ProviderService {
  return new ProviderServer(definition, options).service();
}

type WithDiagnostics = { diagnostics?: tfplugin6.IDiagnostic[] | null };

class ProviderServer<Data> {
  private readonly log: ProviderLogger;
  private readonly resources: TypeKind<ManagedResource<Data>>;
  private readonly dataSources: TypeKind<DataSource<Data>>;
  private readonly listResources: TypeKind<ListResource<Data>>;
  private readonly secretsOf = new WeakMap<BlockSchema, readonly string[]>();
  private providerData: Data;
  private status: ProviderStatus = { kind: 'unconfigured' };
  /** Aborted by StopProvider: in-flight calls stop at their next request boundary. */
  private stop = new AbortController();

  constructor(
    private readonly definition: ProviderDefinition<Data>,
    options: ServerOptions,
  ) {
    this.log = options.logger ?? protocolLog;
    this.resources = new TypeKind(definition.name, 'resource', definition.resources);
    this.dataSources = new TypeKind(definition.name, 'data source', definition.dataSources);
    this.listResources = new TypeKind(definition.name, 'list resource', definition.listResources ?? []);
    for (const name of this.listResources.names) {
      const resource = definition.resources.find((r) => r.typeName === name);
      if (!resource?.identity)
        throw new Error(`${definition.name} provider: list resource ${name} needs a managed resource of the same name with an identity`);
    }
    this.providerData = definition.unconfigured;
  }

  service(): ProviderService {
    return {
      ...unsupportedRpcs(this.definition.name, offerSentence([this.resources, this.dataSources, this.listResources])),
      getMetadata: async () => ({
        serverCapabilities: SERVER_CAPABILITIES,
        resources: this.resources.names.map((typeName) => ({ typeName })),
        dataSources: this.dataSources.names.map((typeName) => ({ typeName })),
        functions: [],
        ephemeralResources: [],
        listResources: this.listResources.names.map((typeName) => ({ typeName })),
        stateStores: [],
        actions: [],
        diagnostics: [],
      }),
      getProviderSchema: async () => this.getProviderSchema(),
      getResourceIdentitySchemas: async () => this.getResourceIdentitySchemas(),
      upgradeResourceIdentity: (req) => this.guard('UpgradeResourceIdentity', () => this.upgradeResourceIdentity(req)),
      validateListResourceConfig: (req) => this.guard('ValidateListResourceConfig', () => this.validateListResourceConfig(req)),
      listResource: (req, ctx) => this.listResource(req, ctx),
      validateProviderConfig: (req) => this.guard('ValidateProviderConfig', () => this.validateProviderConfig(req)),
      validateResourceConfig: (req) => this.guard('ValidateResourceConfig', () => this.validateResourceConfig(req)),
      validateDataResourceConfig: (req) => this.guard('ValidateDataResourceConfig', () => this.validateDataResourceConfig(req)),
      upgradeResourceState: (req) => this.guard('UpgradeResourceState', () => this.upgradeResourceState(req)),
      configureProvider: (req) => this.guard('ConfigureProvider', () => this.configureProvider(req)),
      readResource: (req, ctx) => this.guard('ReadResource', () => this.readResource(req, ctx)),
      planResourceChange: (req, ctx) => this.guard('PlanResourceChange', () => this.planResourceChange(req, ctx)),
      applyResourceChange: (req, ctx) => this.guard('ApplyResourceChange', () => this.applyResourceChange(req, ctx)),
      importResourceState: (req, ctx) => this.guard('ImportResourceState', () => this.importResourceState(req, ctx)),
      readDataSource: (req, ctx) => this.guard('ReadDataSource', () => this.readDataSource(req, ctx)),
      generateResourceConfig: (req) => this.guard('GenerateResourceConfig', () => this.generateResourceConfig(req)),
      stopProvider: async () => {
        this.stop.abort(new Error('StopProvider'));
        this.stop = new AbortController();
        return { Error: '' };
      },
    };
  }

  // --- schema ---------------------------------------------------------------

  private getProviderSchema(): tfplugin6.GetProviderSchema.IResponse {
    const map = (entries: Iterable<[string, { schema: BlockSchema }]>) =>
      Object.fromEntries([...entries].map(([name, t]) => [name, toTfpluginSchema(t.schema)]));
    return {
      provider: toTfpluginSchema(this.definition.schema),
      resourceSchemas: map(this.resources.entries()),
      dataSourceSchemas: map(this.dataSources.entries()),
      functions: {},
      ephemeralResourceSchemas: {},
      listResourceSchemas: map(this.listResources.entries()),
      stateStoreSchemas: {},
      actionSchemas: {},
      serverCapabilities: SERVER_CAPABILITIES,
      diagnostics: [],
    };
  }

  /** Only resources that have an identity are announced. */
  private getResourceIdentitySchemas(): tfplugin6.GetResourceIdentitySchemas.IResponse {
    const identitySchemas: Record<string, tfplugin6.IResourceIdentitySchema> = {};
    for (const [name, resource] of this.resources.entries())
      if (resource.identity) identitySchemas[name] = toTfpluginIdentitySchema(resource.identity.schema);
    return { identitySchemas, diagnostics: [] };
  }

  // --- validation -----------------------------------------------------------

  private async validateProviderConfig(req: tfplugin6.ValidateProviderConfig.IRequest) {
    const schema = this.definition.schema;
    const config = this.decode(req.config, schema, 'provider configuration');
    return { response: {}, diagnostics: validateConfig(schema, config) };
  }

  private async validateResourceConfig(req: tfplugin6.ValidateResourceConfig.IRequest) {
    const resource = this.resource(req.typeName);
    const config = this.decode(req.config, resource.schema, 'configuration');
    const writeOnlyAllowed = req.clientCapabilities?.writeOnlyAttributesAllowed === true;
    const own = resource.validate?.(config, { writeOnlyAllowed }) ?? [];
    return { response: {}, diagnostics: [...validateConfig(resource.schema, config), ...own] };
  }

  private async validateDataResourceConfig(req: tfplugin6.ValidateDataResourceConfig.IRequest) {
    const dataSource = this.dataSource(req.typeName);
    const config = this.decode(req.config, dataSource.schema, 'configuration');
    return { response: {}, diagnostics: validateConfig(dataSource.schema, config) };
  }

  // --- configure ------------------------------------------------------------

  private async configureProvider(req: tfplugin6.ConfigureProvider.IRequest) {
    const config = this.decode(req.config, this.definition.schema, 'provider configuration');
    const { data, diagnostics, deferred } = await this.definition.configure(config, { previous: this.providerData, log: this.log });
    this.providerData = data;
    this.status = statusAfterConfigure(diagnostics, deferred);
    return { response: {}, diagnostics };
  }

  // --- managed resources ------------------------------------------------------

  private async upgradeResourceState(
    req: tfplugin6.UpgradeResourceState.IRequest,
  ): Promise<{ response: tfplugin6.UpgradeResourceState.IResponse; diagnostics: Diagnostic[] }> {
    const resource = this.resource(req.typeName);
    const raw = req.rawState?.json;
    if (!raw || raw.length === 0) {
      const flat = req.rawState?.flatmap && Object.keys(req.rawState.flatmap).length > 0;
      throw new DiagnosticsError([
        errorDiag(
          'Unsupported state format',
          flat
            ? 'This state is in the flatmap format of Terraform 0.11 and older, which this provider never wrote. Remove it from state and import the resource again.'
            : 'UpgradeResourceState received no JSON state.',
        ),
      ]);
    }
    const version = Number(req.version ?? 0);
    const { state, diagnostics } = resource.upgradeState
      ? resource.upgradeState(version, raw)
      : this.upgradeSchemaless(resource, version, raw);
    this.registerSecretsOf(state, resource.schema);
    if (hasErrors(diagnostics)) return { response: {}, diagnostics };
    return { response: { upgradedState: toDynamicValue(state.toValue(), state.type) }, diagnostics };
  }

  private async upgradeResourceIdentity(
    req: tfplugin6.UpgradeResourceIdentity.IRequest,
  ): Promise<{ response: tfplugin6.UpgradeResourceIdentity.IResponse; diagnostics: Diagnostic[] }> {
    const resource = this.resource(req.typeName);
    const identity = this.identityOf(resource);
    const raw = req.rawIdentity?.json;
    if (!raw || raw.length === 0)
      throw new DiagnosticsError([errorDiag('Unsupported identity format', 'UpgradeResourceIdentity received no JSON identity.')]);
    const result = identity.upgrade(Number(req.version ?? 0), raw);
    if (hasErrors(result.diagnostics) || !result.identity) return { response: {}, diagnostics: result.diagnostics };
    return { response: { upgradedIdentity: this.identityData(resource, result.identity) }, diagnostics: result.diagnostics };
  }

  private async readResource(req: tfplugin6.ReadResource.IRequest, ctx: CallContext) {
    const resource = this.resource(req.typeName);
    const current = this.decode(req.currentState, resource.schema, 'current state', true);
    if (current.isNullObject) return { response: { newState: req.currentState }, diagnostics: [] };
    const request = this.requestContext(ctx, req.clientCapabilities);
    // Nothing can be read without a ready provider: keep what the state says (deferred when allowed).
    const kept = this.ready() ? undefined : { state: current, diagnostics: [] };
    const unready: StateResponse | undefined = this.deferral(request, current) ?? kept;
    const read = unready ?? (await resource.read(current, request, req.private ?? undefined));
    const { state, diagnostics, deferred, private: newPrivate } = read;
    return {
      response: {
        newState: toDynamicValue(state.toValue(), state.type),
        newIdentity: this.identityDataOf(resource, state),
        private: newPrivate ?? req.private ?? undefined,
        ...wireDeferred(deferred),
      },
      diagnostics,
    };
  }

  private async planResourceChange(req: tfplugin6.PlanResourceChange.IRequest, ctx: CallContext) {
    const resource = this.resource(req.typeName);
    const prior = this.decode(req.priorState, resource.schema, 'prior state', true);
    const proposed = this.decode(req.proposedNewState, resource.schema, 'proposed new state', true);
    const config = this.decode(req.config, resource.schema, 'configuration', true);
    const request = this.requestContext(ctx, req.clientCapabilities);
    const priorPrivate = req.priorPrivate ?? undefined;
    const attributes: AttributePlan = proposed.isNullObject
      ? { planned: proposed, requiresReplace: [], changed: true }
      : planAttributes(resource.schema, prior.isNullObject ? null : prior, proposed, config);
    const deferred = this.deferral(request, attributes.planned);
    const own = resource.plan && (!deferred || resource.planWhenProviderDeferred === true);
    const result: PlanResponse = own
      ? await resource.plan!({ prior, proposed, attributes, config, ...(priorPrivate ? { priorPrivate } : {}), ctx: request })
      : { planned: attributes.planned, requiresReplace: attributes.requiresReplace, diagnostics: [] };
    if (deferred) result.deferred = deferred.deferred;
    return {
      response: {
        plannedState: toDynamicValue(result.planned.toValue(), result.planned.type),
        requiresReplace: result.requiresReplace.map(toWirePath),
        plannedPrivate: result.plannedPrivate ?? priorPrivate,
        plannedIdentity: this.identityDataOf(resource, result.planned),
        ...wireDeferred(result.deferred),
      },
      diagnostics: result.diagnostics,
    };
  }

  private async applyResourceChange(req: tfplugin6.ApplyResourceChange.IRequest, ctx: CallContext) {
    const resource = this.resource(req.typeName);
    const prior = this.decode(req.priorState, resource.schema, 'prior state', true);
    const planned = this.decode(req.plannedState, resource.schema, 'planned state', true);
    const config = this.decode(req.config, resource.schema, 'configuration', true);
    this.requireReady(`apply ${resource.typeName}`);
    const plannedPrivate = req.plannedPrivate ?? undefined;
    const {
      state,
      diagnostics,
      private: newPrivate,
    } = await resource.apply({
      prior,
      planned,
      config,
      ...(plannedPrivate ? { plannedPrivate } : {}),
      ctx: this.requestContext(ctx, undefined),
    });
    return {
      response: {
        newState: toDynamicValue(state.toValue(), state.type),
        newIdentity: this.identityDataOf(resource, state),
        private: newPrivate ?? plannedPrivate,
      },
      diagnostics,
    };
  }

  private async importResourceState(req: tfplugin6.ImportResourceState.IRequest, ctx: CallContext) {
    const resource = this.resource(req.typeName);
    let id = req.id ?? '';
    // An import block with `identity = {...}` sends the identity and no id.
    if (id === '' && req.identity?.identityData) {
      const named = this.identityOf(resource).importId(this.decodeIdentity(resource, req.identity.identityData));
      if ('diagnostics' in named) return { response: { importedResources: [] }, diagnostics: named.diagnostics };
      id = named.id;
    }
    this.requireReady(`import ${resource.typeName}`);
    const result = await resource.importState(id, this.requestContext(ctx, req.clientCapabilities));
    const { state, diagnostics } = result;
    if (hasErrors(diagnostics) || state.isNullObject) return { response: { importedResources: [] }, diagnostics };
    return {
      response: {
        importedResources: [
          {
            typeName: resource.typeName,
            state: toDynamicValue(state.toValue(), state.type),
            identity: this.identityDataOf(resource, state),
            ...(result.private ? { private: result.private } : {}),
          },
        ],
      },
      diagnostics,
    };
  }

  /** A starting configuration for `plan -generate-config-out`: what the user manages, secrets left for them to fill. */
  private async generateResourceConfig(req: tfplugin6.GenerateResourceConfig.IRequest) {
    const resource = this.resource(req.typeName);
    const state = this.decode(req.state, resource.schema, 'state');
    const values = record();
    for (const [name, attr] of Object.entries(resource.schema.attributes)) {
      const keep =
        (attr.required || attr.optional) &&
        !attr.sensitive &&
        !attr.writeOnly &&
        !(attr.default !== undefined && state.get(name) === attr.default);
      values[name] = keep && isKnown(state.get(name)) ? state.get(name) : null;
    }
    return { response: { config: toDynamicValue(values, state.type) }, diagnostics: [] };
  }

  // --- list resources -----------------------------------------------------------

  private async validateListResourceConfig(req: tfplugin6.ValidateListResourceConfig.IRequest) {
    const list = this.listResourceType(req.typeName);
    const config = this.decode(req.config, list.schema, 'list configuration');
    const diagnostics = [...validateConfig(list.schema, config), ...list.validate(config)];
    const limit = req.limit?.msgpack?.length || req.limit?.json?.length ? decodeDynamicValue(req.limit, 'number', 'limit') : undefined;
    if (limit?.ok && typeof limit.value === 'number' && (!Number.isInteger(limit.value) || limit.value < 1)) {
      diagnostics.push(errorDiag('Invalid limit', `limit must be a whole number of at least 1; got ${limit.value}.`, ['limit']));
    }
    return { response: {}, diagnostics };
  }

  /** Streams what a list resource finds; a failure becomes a final event with diagnostics, never a broken stream. */
  private async *listResource(req: tfplugin6.ListResource.IRequest, ctx: CallContext): AsyncIterable<tfplugin6.ListResource.IEvent> {
    const started = Date.now();
    let count = 0;
    let diagnostics: Diagnostic[] = [];
    try {
      const list = this.listResourceType(req.typeName);
      const resource = this.resource(req.typeName);
      const config = this.decode(req.config, list.schema, 'list configuration');
      const problems = validateConfig(list.schema, config);
      if (hasErrors(problems)) throw new DiagnosticsError(problems);
      const limit = Number(req.limit ?? 0) > 0 ? Number(req.limit) : Number.MAX_SAFE_INTEGER;
      const includeResource = req.includeResourceObject === true;
      this.requireReady(`list ${list.typeName}`);
      for await (const result of list.list({ config, includeResource, limit, ctx: this.requestContext(ctx, undefined) })) {
        if (count >= limit) break;
        count += 1;
        yield {
          identity: this.identityData(resource, result.identity),
          displayName: result.displayName,
          ...(includeResource && result.resource
            ? { resourceObject: toDynamicValue(result.resource.toValue(), result.resource.type) }
            : {}),
        };
      }
    } catch (err) {
      diagnostics = this.failure('ListResource', err);
    }
    const masked = this.done('ListResource', started, diagnostics, { results: count });
    if (masked.length > 0) yield { diagnostic: toWireDiagnostics(masked) };
  }

  // --- data sources -----------------------------------------------------------

  private async readDataSource(req: tfplugin6.ReadDataSource.IRequest, ctx: CallContext) {
    const dataSource = this.dataSource(req.typeName);
    const config = this.decode(req.config, dataSource.schema, 'configuration');
    const request = this.requestContext(ctx, req.clientCapabilities);
    const unready = this.deferral(request, config);
    if (!unready) this.requireReady(`read ${dataSource.typeName}`);
    const { state, diagnostics, deferred } = unready ?? (await dataSource.read(config, request));
    return {
      response: {
        state: toDynamicValue(state.toValue(), state.type),
        ...wireDeferred(deferred),
      },
      diagnostics,
    };
  }

  // --- plumbing ----------------------------------------------------------------

  /** The deferred answer while the provider's configuration is not known and the engine accepts deferral. */
  private deferral(
    ctx: RequestContext<Data>,
    state: ObjectView,
  ): { state: ObjectView; diagnostics: Diagnostic[]; deferred: 'provider_config_unknown' } | undefined {
    if (this.status.kind !== 'deferred' || !ctx.deferralAllowed) return undefined;
    return { state, diagnostics: [], deferred: this.status.reason };
  }

  /** A DiagnosticsError naming why `purpose` cannot run, unless the provider is ready. */
  private requireReady(purpose: string): void {
    if (this.status.kind !== 'ready' && !this.ready()) {
      throw new DiagnosticsError([notReadyDiagnostic(this.definition.name, this.status, purpose)]);
    }
  }

  /** Whether resource and data-source code may run: configured, or never configured by a provider that does not need it. */
  private ready(): boolean {
    return this.status.kind === 'ready' || (this.status.kind === 'unconfigured' && this.definition.requiresConfigure !== true);
  }

  /** A resource without upgradeState reads only its current schema version's JSON. */
  private upgradeSchemaless(resource: ManagedResource<Data>, version: number, raw: Uint8Array | string): StateResponse {
    const type = objectTypeOf(resource.schema);
    const none = new ObjectView(type, null);
    if (version !== resource.schema.version) {
      const detail = `This ${resource.typeName} state has schema version ${version}; this provider reads only version ${resource.schema.version}.`;
      return { state: none, diagnostics: [errorDiag('Unsupported state version', detail)] };
    }
    const decoded = decodeJson(raw, type, { what: 'state' });
    return decoded.ok ? { state: new ObjectView(type, decoded.value), diagnostics: [] } : { state: none, diagnostics: decoded.diagnostics };
  }

  private resource(typeName: string | null | undefined): ManagedResource<Data> {
    return this.resources.get(typeName, 'Unknown resource type', 'resource type');
  }

  private listResourceType(typeName: string | null | undefined): ListResource<Data> {
    return this.listResources.get(typeName, 'Unknown list resource type');
  }

  private identityOf(resource: ManagedResource<Data>): ResourceIdentity {
    if (resource.identity) return resource.identity;
    throw new DiagnosticsError([errorDiag('No resource identity', `The resource type ${resource.typeName} has no identity.`)]);
  }

  private identityData(resource: ManagedResource<Data>, identity: Record<string, Value>): tfplugin6.IResourceIdentityData {
    return { identityData: toDynamicValue(identity, identityObjectType(this.identityOf(resource).schema)) };
  }

  /** The identity of the object a state describes; absent when the resource has none or it is not known yet. */
  private identityDataOf(resource: ManagedResource<Data>, state: ObjectView): tfplugin6.IResourceIdentityData | undefined {
    const identity = resource.identity?.of(state);
    return identity ? this.identityData(resource, identity) : undefined;
  }

  private decodeIdentity(resource: ManagedResource<Data>, dv: tfplugin6.IDynamicValue): ObjectView {
    const type = identityObjectType(this.identityOf(resource).schema);
    const result = decodeDynamicValue(dv, type, 'identity');
    if (!result.ok) throw new DiagnosticsError(result.diagnostics);
    return new ObjectView(type, result.value);
  }

  private dataSource(typeName: string | null | undefined): DataSource<Data> {
    return this.dataSources.get(typeName, 'Unknown data source type');
  }

  /** Decodes a DynamicValue into a view of `schema`; bad input becomes a DiagnosticsError. */
  private decode(dv: tfplugin6.IDynamicValue | null | undefined, schema: BlockSchema, what: string, optional = false): ObjectView {
    const type = objectTypeOf(schema);
    const result = optional ? decodeOptionalDynamicValue(dv, type, what) : decodeDynamicValue(dv, type, what);
    if (!result.ok) throw new DiagnosticsError(result.diagnostics);
    const view = new ObjectView(type, result.value);
    this.registerSecretsOf(view, schema);
    return view;
  }

  private registerSecretsOf(view: ObjectView, schema: BlockSchema): void {
    let names = this.secretsOf.get(schema);
    if (!names) this.secretsOf.set(schema, (names = secretAttributeNames(schema)));
    for (const name of names) registerSecret(view.knownString(name));
  }

  private requestContext(ctx: CallContext, capabilities: tfplugin6.IClientCapabilities | null | undefined): RequestContext<Data> {
    const stop = this.stop.signal;
    let signal: AbortSignal | undefined;
    return {
      // Combined on first use: most calls (plans without changes, validation) never read it.
      get signal() {
        return (signal ??= AbortSignal.any([ctx.signal, stop]));
      },
      log: this.log,
      deferralAllowed: capabilities?.deferralAllowed === true,
      writeOnlyAllowed: capabilities?.writeOnlyAttributesAllowed === true,
      providerData: this.providerData,
    };
  }

  /** Runs one RPC body; diagnostics are masked and attached, failures become diagnostics. */
  private async guard<R extends object>(
    rpc: string,
    body: () => Promise<{ response: R; diagnostics: Diagnostic[] }>,
  ): Promise<R & WithDiagnostics> {
    const started = Date.now();
    let response: R;
    let diagnostics: Diagnostic[];
    try {
      ({ response, diagnostics } = await body());
    } catch (err) {
      response = {} as R;
      diagnostics = this.failure(rpc, err);
    }
    return { ...response, diagnostics: toWireDiagnostics(this.done(rpc, started, diagnostics)) };
  }

  /** A failed RPC's diagnostics: its own when it threw them, else an internal error (and the stack in the log). */
  private failure(rpc: string, err: unknown): Diagnostic[] {
    if (err instanceof DiagnosticsError) return err.diagnostics;
    this.log.error(`${rpc} failed unexpectedly`, { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    return [
      errorDiag(
        `Internal error in the ${this.definition.name} provider`,
        `${rpc} failed: ${err instanceof Error ? err.message : String(err)}. Please report this with the provider log (TF_LOG_PROVIDER=debug).`,
      ),
    ];
  }

  /** `diagnostics` masked of every registered secret, after a debug line for the finished RPC. */
  private done(rpc: string, started: number, diagnostics: Diagnostic[], fields: Record<string, unknown> = {}): Diagnostic[] {
    const masked = diagnostics.map((d) => ({ ...d, summary: redact(d.summary), detail: redact(d.detail) }));
    this.log.debug(`${rpc} done`, {
      duration_ms: Date.now() - started,
      ...fields,
      diagnostics: masked.map((d) => `${d.severity}: ${d.summary}`),
    });
    return masked;
  }
}
