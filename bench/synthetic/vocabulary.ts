// The words synthetic posts are made of. Two words are kept out of these lists on purpose,
// because search benchmarks count on their frequencies (post.ts sets them):
// "kubernetes", and 闭包 — no Chinese word here even contains 闭 or 包, so the bigram 闭包
// cannot arise where one word meets the next.

/** A Chinese term and an English gloss, which slugs of Chinese posts are made of. */
export type ChineseTerm = readonly [chinese: string, english: string];

export const CHINESE_NOUNS: readonly ChineseTerm[] = [
  ['容器', 'container'], ['网络', 'network'], ['迭代器', 'iterator'], ['调度器', 'scheduler'],
  ['集群', 'cluster'], ['内核', 'kernel'], ['命名空间', 'namespace'], ['服务', 'service'],
  ['镜像', 'image'], ['编译器', 'compiler'], ['所有权', 'ownership'], ['生命周期', 'lifetime'],
  ['并发', 'concurrency'], ['异步', 'async'], ['数据库', 'database'], ['索引', 'index'],
  ['事务', 'transaction'], ['缓存', 'cache'], ['线程', 'thread'], ['进程', 'process'],
  ['内存', 'memory'], ['指针', 'pointer'], ['引用', 'reference'], ['借用', 'borrowing'],
  ['特征', 'trait'], ['泛型', 'generics'], ['宏', 'macro'], ['模块', 'module'],
  ['接口', 'interface'], ['协程', 'coroutine'], ['通道', 'channel'], ['锁', 'lock'],
  ['日志', 'logging'], ['监控', 'monitoring'], ['负载均衡', 'load-balancing'], ['路由', 'routing'],
  ['代理', 'proxy'], ['证书', 'certificate'], ['加密', 'encryption'], ['存储', 'storage'],
  ['卷', 'volume'], ['节点', 'node'], ['副本', 'replica'], ['分片', 'shard'],
  ['队列', 'queue'], ['消息', 'message'], ['协议', 'protocol'], ['请求', 'request'],
  ['响应', 'response'], ['配置', 'config'], ['部署', 'deployment'], ['流水线', 'pipeline'],
  ['分支', 'branch'], ['提交', 'commit'], ['合并', 'merge'], ['仓库', 'repository'],
  ['版本', 'version'], ['依赖', 'dependency'], ['构建', 'build'], ['测试', 'testing'],
  ['函数', 'function'], ['变量', 'variable'], ['类型', 'type'], ['结构体', 'struct'],
  ['枚举', 'enum'], ['数组', 'array'], ['切片', 'slice'], ['哈希表', 'hashmap'],
  ['字符串', 'string'], ['错误处理', 'error-handling'], ['垃圾回收', 'gc'], ['栈', 'stack'],
  ['堆', 'heap'], ['文件系统', 'filesystem'], ['系统调用', 'syscall'], ['权限', 'permission'],
  ['会话', 'session'], ['令牌', 'token'], ['查询', 'query'], ['执行计划', 'query-plan'],
  ['性能', 'performance'], ['延迟', 'latency'], ['吞吐量', 'throughput'], ['算法', 'algorithm'],
  ['数据结构', 'data-structure'], ['虚拟机', 'vm'], ['运行时', 'runtime'], ['终端', 'terminal'],
  ['脚本', 'script'], ['插件', 'plugin'], ['框架', 'framework'], ['中间件', 'middleware'],
  ['架构', 'architecture'], ['微服务', 'microservices'], ['网关', 'gateway'], ['域名', 'domain'],
  ['防火墙', 'firewall'], ['套接字', 'socket'], ['事件循环', 'event-loop'], ['回调', 'callback'],
  ['状态机', 'state-machine'], ['序列化', 'serialization'], ['快照', 'snapshot'], ['备份', 'backup'],
  ['迁移', 'migration'], ['主键', 'primary-key'], ['视图', 'view'], ['触发器', 'trigger'],
  ['调试器', 'debugger'], ['断点', 'breakpoint'], ['链接器', 'linker'], ['寄存器', 'register'],
  ['中断', 'interrupt'], ['驱动', 'driver'],
];

export const CHINESE_VERBS: readonly ChineseTerm[] = [
  ['调度', 'scheduling'], ['编译', 'compiling'], ['部署', 'deploying'], ['访问', 'accessing'],
  ['优化', 'optimizing'], ['实现', 'implementing'], ['处理', 'handling'], ['分配', 'allocating'],
  ['释放', 'freeing'], ['管理', 'managing'], ['启动', 'starting'], ['更新', 'updating'],
  ['读取', 'reading'], ['写入', 'writing'], ['验证', 'validating'], ['解析', 'parsing'],
  ['渲染', 'rendering'], ['同步', 'syncing'], ['复制', 'copying'], ['监听', 'listening'],
  ['转发', 'forwarding'], ['重试', 'retrying'], ['回滚', 'rolling-back'], ['扩容', 'scaling'],
  ['隔离', 'isolating'], ['追踪', 'tracing'], ['检查', 'checking'], ['拆分', 'splitting'],
  ['注入', 'injecting'], ['挂载', 'mounting'],
];

export const CHINESE_ADJECTIVES: readonly string[] = [
  '高效', '稳定', '简单', '复杂', '安全', '可靠', '轻量', '分布式', '本地', '远程', '默认', '动态',
  '静态', '并行', '自动', '透明', '昂贵', '廉价',
];

/** An English verb as `base` ("cache") and third person ("caches"). */
export type EnglishVerb = readonly [base: string, third: string];

export const ENGLISH_NOUNS: readonly string[] = [
  'container', 'network', 'iterator', 'scheduler', 'cluster', 'kernel', 'namespace', 'service',
  'image', 'compiler', 'borrow', 'lifetime', 'runtime', 'database', 'index', 'transaction',
  'cache', 'thread', 'process', 'allocator', 'pointer', 'reference', 'trait', 'macro',
  'module', 'interface', 'coroutine', 'channel', 'mutex', 'logger', 'proxy', 'certificate',
  'volume', 'node', 'replica', 'shard', 'queue', 'message', 'protocol', 'request',
  'response', 'config', 'deployment', 'pipeline', 'branch', 'commit', 'repository', 'release',
  'dependency', 'build', 'test', 'function', 'variable', 'struct', 'enum', 'slice',
  'hashmap', 'string', 'stack', 'heap', 'filesystem', 'syscall', 'socket', 'session',
  'token', 'query', 'planner', 'benchmark', 'profiler', 'algorithm', 'tree', 'graph',
  'parser', 'lexer', 'terminal', 'script', 'plugin', 'framework', 'middleware', 'gateway',
  'resolver', 'firewall', 'callback', 'promise', 'future', 'executor', 'snapshot', 'backup',
  'migration', 'schema', 'trigger', 'debugger', 'linker', 'register', 'interrupt', 'driver',
  'buffer', 'stream', 'endpoint', 'router', 'worker', 'daemon', 'sandbox', 'manifest',
];

export const ENGLISH_VERBS: readonly EnglishVerb[] = [
  ['schedule', 'schedules'], ['compile', 'compiles'], ['deploy', 'deploys'], ['cache', 'caches'],
  ['optimize', 'optimizes'], ['handle', 'handles'], ['allocate', 'allocates'], ['free', 'frees'],
  ['manage', 'manages'], ['start', 'starts'], ['update', 'updates'], ['read', 'reads'],
  ['write', 'writes'], ['validate', 'validates'], ['parse', 'parses'], ['render', 'renders'],
  ['sync', 'syncs'], ['copy', 'copies'], ['forward', 'forwards'], ['retry', 'retries'],
  ['scale', 'scales'], ['isolate', 'isolates'], ['trace', 'traces'], ['check', 'checks'],
  ['split', 'splits'], ['inject', 'injects'], ['mount', 'mounts'], ['serialize', 'serializes'],
  ['resolve', 'resolves'], ['flush', 'flushes'], ['lock', 'locks'], ['block', 'blocks'],
  ['spawn', 'spawns'], ['poll', 'polls'], ['drop', 'drops'], ['borrow', 'borrows'],
];

export const ENGLISH_ADJECTIVES: readonly string[] = [
  'fast', 'slow', 'stable', 'simple', 'complex', 'safe', 'reliable', 'lightweight', 'distributed',
  'local', 'remote', 'default', 'dynamic', 'static', 'parallel', 'automatic', 'transparent',
  'expensive', 'cheap', 'immutable', 'mutable', 'concurrent', 'lazy', 'eager', 'generic',
  'shared', 'private', 'global', 'idle', 'hot', 'cold', 'stale', 'fresh', 'nested', 'flat',
];

/** Title openers: "Understanding the Scheduler". */
export const ENGLISH_GERUNDS: readonly string[] = [
  'Understanding', 'Debugging', 'Scaling', 'Tuning', 'Testing', 'Profiling', 'Designing',
  'Building', 'Rethinking', 'Measuring', 'Replacing', 'Taming',
];
