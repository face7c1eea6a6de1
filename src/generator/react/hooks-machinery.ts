// The schema-independent part of react/hooks.tsx: BAML's exported hook types, the reducer and
// `useBamlAction`. Same types and outputs as BAML 0.226.2 (spec react-generator §3.5); the
// behaviour differs where BAML's is broken (docs/differences.md, "React hooks"):
// - errors arrive typed on `error` (revived from every wire form), also for non-streaming calls;
// - `mutate` while a call runs, `reset()` and unmounting abort the running call: its stream is
//   cancelled and it never touches state; over Next.js server actions the hook also sends the
//   call's id to the cancel action (the action's stream cannot be cancelled from the browser),
//   and over tsbaml serve the cancelled fetch aborts the LLM request;
// - a stream that ends without a final value ends in `error`, not `streaming` forever;
// - `mutate` resolves when the call is over: with the final value (non-streaming), else undefined.

/** Type declarations, exported as BAML exports them (hooks_core.tsx, re-exported by hooks.tsx). */
export const HOOK_TYPES = `/** A server action as the hooks call it. */
export type ServerAction<Input = any, Output = any> = (
  ...args: Input extends any[] ? Input : [Input]
) => Promise<Output> | ReadableStream<Uint8Array>

/** The names of the BAML functions that have a hook. */
export type FunctionNames = keyof typeof Actions

type StreamDataType<Fn extends FunctionNames> = StreamingServerTypes[Fn]
type FinalDataType<Fn extends FunctionNames> = Awaited<ReturnType<(typeof Actions)[Fn]>>

/** The options of a \`use<Fn>\` hook. Streaming is the default. */
export type HookInput<
  Fn extends FunctionNames = FunctionNames,
  O extends { stream?: boolean } = { stream?: true },
> = {
  stream?: O['stream']
  onStreamData?: O['stream'] extends false ? never : (response?: StreamDataType<Fn>) => void
  onFinalData?: (response?: FinalDataType<Fn>) => void
  onData?: (response?: O['stream'] extends false ? FinalDataType<Fn> : StreamDataType<Fn>) => void
  onError?: (error: BamlErrors) => void
}

export type NonStreamingHookStatus = 'idle' | 'pending' | 'success' | 'error'
export type StreamingHookStatus = NonStreamingHookStatus | 'streaming'
export type HookStatus<O extends { stream?: boolean } = { stream?: true }> =
  O['stream'] extends false ? NonStreamingHookStatus : StreamingHookStatus

/** What a \`use<Fn>\` hook returns. */
export type HookOutput<
  Fn extends FunctionNames = FunctionNames,
  O extends { stream?: boolean } = { stream?: true },
> = {
  data?: O['stream'] extends false ? FinalDataType<Fn> : StreamDataType<Fn>
  finalData?: FinalDataType<Fn>
  streamData?: O['stream'] extends false ? never : StreamDataType<Fn>
  isLoading: boolean
  isPending: boolean
  isStreaming: O['stream'] extends false ? never : boolean
  isSuccess: boolean
  isError: boolean
  error?: BamlErrors
  status: HookStatus<O>
  mutate: (
    ...args: Parameters<(typeof Actions)[Fn]>
  ) => O['stream'] extends false ? Promise<FinalDataType<Fn>> : Promise<ReadableStream<Uint8Array>>
  reset: () => void
}

export type HookData<
  Fn extends FunctionNames = FunctionNames,
  O extends { stream?: boolean } = { stream?: true },
> = NonNullable<HookOutput<Fn, O>['data']>
`;

/** The reducer and the one hook every generated `use<Fn>` calls. */
export const HOOK_MACHINERY = `interface HookState {
  isSuccess: boolean
  isStreaming: boolean
  error?: BamlErrors
  finalData?: unknown
  streamData?: unknown
}

type HookAction =
  | { type: 'START_REQUEST' }
  | { type: 'SET_PARTIAL'; partial: unknown }
  | { type: 'SET_FINAL'; final: unknown }
  | { type: 'SET_ERROR'; error: BamlErrors }
  | { type: 'RESET' }

const initialState: HookState = { isSuccess: false, isStreaming: false }

function hookReducer(state: HookState, action: HookAction): HookState {
  switch (action.type) {
    case 'START_REQUEST':
      return { isSuccess: false, isStreaming: false }
    case 'SET_PARTIAL':
      return { ...state, isStreaming: true, streamData: action.partial }
    case 'SET_FINAL':
      return { ...state, isSuccess: true, isStreaming: false, finalData: action.final }
    case 'SET_ERROR':
      return { ...state, isSuccess: false, isStreaming: false, error: action.error }
    case 'RESET':
      return initialState
  }
}

/** Browser media objects (react/media.ts, or tsbaml's) travel to the action as plain JSON. */
function toActionArgument(value: unknown): unknown {
  const media = value as { toJSON?: () => unknown; isUrl?: () => boolean } | null
  if (media && typeof media === 'object' && typeof media.toJSON === 'function' && typeof media.isUrl === 'function')
    return media.toJSON()
  return value
}

/** A fresh id for a streaming call: a UUID where the browser has one (secure contexts). */
function newCallId(): string {
  const crypto = (globalThis as { crypto?: Partial<Crypto> }).crypto
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID()
  const bytes = new Uint8Array(16)
  if (typeof crypto?.getRandomValues === 'function') crypto.getRandomValues(bytes)
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

export type AnyHookInput = {
  stream?: boolean
  onStreamData?: (response?: any) => void
  onFinalData?: (response?: any) => void
  onData?: (response?: any) => void
  onError?: (error: BamlErrors) => void
}

/**
 * The hook behind every \`use<Fn>\`. With \`cancel\`, \`action\` takes a call id before the
 * function's arguments, and aborting the call (new call, reset, unmount) also sends
 * \`cancel(callId)\`, fire and forget: the server aborts the LLM call it runs under that id.
 */
export function useBamlAction(
  action: (...args: any[]) => Promise<unknown> | ReadableStream<Uint8Array>,
  props: AnyHookInput,
  cancel?: (callId: string) => Promise<unknown>,
): HookOutput<FunctionNames, { stream?: boolean }> {
  const [state, dispatch] = useReducer(hookReducer, initialState)
  const [isTransitionPending, startTransition] = useTransition()
  const latestProps = useRef(props)
  useEffect(() => {
    latestProps.current = props
  })
  const running = useRef<AbortController | null>(null)
  useEffect(() => () => running.current?.abort('unmounted'), [])
  const streaming = props.stream !== false

  const mutate = useCallback(
    (...args: unknown[]): Promise<any> => {
      running.current?.abort('superseded by a new call')
      const controller = new AbortController()
      running.current = controller
      const live = () => running.current === controller && !controller.signal.aborted
      const callId = cancel ? newCallId() : undefined
      if (cancel && callId) {
        const sendCancel = () => {
          try {
            Promise.resolve(cancel(callId)).catch(() => {})
          } catch {}
        }
        controller.signal.addEventListener('abort', sendCancel, { once: true })
      }
      const actionArgs = args.map(toActionArgument)
      dispatch({ type: 'START_REQUEST' })
      return new Promise((resolve) => {
        startTransition(async () => {
          const callbacks = latestProps.current
          try {
            const response = await (callId ? action(callId, ...actionArgs) : action(...actionArgs))
            if (!live()) {
              if (response instanceof ReadableStream) response.cancel().catch(() => {})
              return resolve(undefined)
            }
            if (streaming && response instanceof ReadableStream) {
              const final = await readNdjsonStream(response, {
                signal: controller.signal,
                onPartial: (partial) => {
                  if (!live()) return
                  dispatch({ type: 'SET_PARTIAL', partial })
                  callbacks.onStreamData?.(partial)
                  callbacks.onData?.(partial)
                },
              })
              if (!live()) return resolve(undefined)
              dispatch({ type: 'SET_FINAL', final })
              callbacks.onFinalData?.(final)
              callbacks.onData?.(final)
              return resolve(undefined)
            }
            dispatch({ type: 'SET_FINAL', final: response })
            callbacks.onFinalData?.(response)
            resolve(response)
          } catch (error) {
            if (!live()) return resolve(undefined)
            const typed = reviveBamlError(error) as BamlErrors
            dispatch({ type: 'SET_ERROR', error: typed })
            callbacks.onError?.(typed)
            resolve(undefined)
          } finally {
            if (running.current === controller) running.current = null
          }
        })
      })
    },
    [action, streaming, cancel],
  )

  const reset = useCallback(() => {
    running.current?.abort('reset')
    running.current = null
    dispatch({ type: 'RESET' })
  }, [])

  return useMemo(() => {
    const status: StreamingHookStatus = state.error
      ? 'error'
      : state.isSuccess
        ? 'success'
        : state.isStreaming
          ? 'streaming'
          : isTransitionPending
            ? 'pending'
            : 'idle'
    return {
      data: (state.isStreaming ? state.streamData : state.finalData) as any,
      finalData: state.finalData as any,
      streamData: (streaming ? state.streamData : undefined) as any,
      isLoading: status === 'pending' || status === 'streaming',
      isPending: status === 'pending',
      isStreaming: status === 'streaming',
      isSuccess: status === 'success',
      isError: status === 'error',
      error: state.error,
      status,
      mutate: mutate as any,
      reset,
    }
  }, [state, isTransitionPending, streaming, mutate, reset])
}
`;

/** serve_hooks.tsx's shared part: where tsbaml serve is, and actions that call it. */
export const SERVE_MACHINERY = `/** Where the hooks of this file find tsbaml serve (and its headers, protocol…). */
export const BamlServeContext = createContext<ServeOptions | null>(null)

/** Provides the serve options to every hook below it: \`<BamlServeProvider baseUrl="/api/baml">\`. */
export function BamlServeProvider({ children, ...options }: ServeOptions & { children?: ReactNode }) {
  const value = useMemo(() => options, [options.baseUrl, options.protocol, options.fetch, JSON.stringify(options.headers ?? {})])
  return createElement(BamlServeContext.Provider, { value }, children)
}

function useServeOptions(): ServeOptions {
  const options = useContext(BamlServeContext)
  if (!options) throw new Error('The tsbaml serve hooks need a <BamlServeProvider baseUrl="…"> above them')
  return options
}

/** An action calling \`fn\` on tsbaml serve: its NDJSON stream, or its final value. */
function useServeAction(fn: string, params: string[], streaming: boolean) {
  const options = useServeOptions()
  return useMemo(() => {
    return (...args: unknown[]) => {
      const named: Record<string, unknown> = {}
      params.forEach((name, i) => {
        if (args[i] !== undefined) named[name] = args[i]
      })
      return streaming
        ? Promise.resolve(streamFromServe(fn, named, options).toStreamable())
        : callServe(fn, named, options)
    }
  }, [options, fn, streaming])
}
`;
