"""Where a JFR recording of the service spends its request threads' CPU, by area.

Reads `jfr print --events jdk.ExecutionSample --stack-depth 200` output (bench/profile.sh makes
it) and gives each sample on an event-loop or executor thread to the innermost frame that
belongs to a known area, walking down from the top of the stack. Areas are matched on frame
names, so a framework upgrade may move frames between them; the hot-methods view beside it
is the raw truth.
"""
import re,sys,collections
# each sample goes to the innermost frame that belongs to a known area (walking from the top of the stack)
cats=[('field visibility regex (BlockedFields)',r'^graphql\.schema\.visibility\.BlockedFields'),
 ('SmallRye per-field context',r'SmallRyeContextManager|SmallRyeContext\.|DataFetchingFieldSelectionSet|ExecutableNormalizedField|ResultPath\.(toString|segmentToString)'),
 ('SmallRye field fetch/transform',r'^io\.smallrye\.graphql\.execution\.datafetcher|^io\.smallrye\.graphql\.transformation'),
 ('JSON response writing',r'ExecutionResponse|org\.eclipse\.parsson|JsonGenerator'),
 ('token verification',r'^org\.jose4j|OidcUtils|OidcProvider|OidcIdentityProvider|smallrye\.jwt|OidcCommonUtils|TenantConfigContext'),
 ('GraphQL parse/validate',r'^graphql\.parser|^graphql\.validation|^graphql\.org\.antlr|ParseAndValidate|PreparsedDocument'),
 ('complexity/depth',r'MaxQueryComplexity|MaxQueryDepth|QueryTraverser|graphql\.analysis'),
 ('GraphQL execution',r'^graphql\.|^io\.smallrye\.graphql'),
 ('row mapping + pg client',r'^io\.vertx\.pgclient|^io\.vertx\.sqlclient|^io\.copilot\.metrics\.(costs|tenancy|quotas)'),
 ('HTTP (vert.x/netty)',r'^io\.netty|^io\.vertx\.core|^io\.vertx\.ext\.web|^io\.quarkus\.vertx'),
 ('Mutiny/CDI/other framework',r'^io\.smallrye\.mutiny|^io\.quarkus|^io\.smallrye'),
]
for f in sys.argv[1:]:
    txt=open(f).read()
    samples=[s for s in txt.split('jdk.ExecutionSample') if 'stackTrace' in s]
    c=collections.Counter(); total=0
    for s in samples:
        if 'vert.x-eventloop' not in s and 'executor-thread' not in s: continue
        total+=1
        fr=re.findall(r'^\s+([\w$.<>]+)\(', s, re.M)
        done=False
        for x in fr:
            for name,pat in cats:
                if re.search(pat,x): c[name]+=1; done=True; break
            if done: break
        if not done: c['JDK only']+=1
    print('==',f.split('/')[-1],'samples on request threads:',total)
    for name,_ in cats+[('JDK only','')]:
        print('  %5.1f%%  %s'%(100*c[name]/max(total,1),name))
