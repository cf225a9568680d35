package io.copilot.metrics.dev;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.arc.profile.IfBuildProfile;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * GET /dev/graphiql?user=alice[&tenant=uuid][&query=document]: GraphiQL signed in as a demo user,
 * subscriptions included. The
 * GraphiQL that SmallRye serves at /q/graphql-ui sends headers over HTTP only, and a browser
 * cannot send headers on a WebSocket: its subscriptions would connect without a token. This page
 * (dev builds only, on SmallRye's own GraphiQL scripts) takes a token from /dev/token and gives it
 * to both: as the Authorization header of queries and mutations, and in the connection_init
 * payload of subscriptions.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class DevGraphiQLRoute {

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>copilot-metrics GraphiQL (dev)</title>
              <link rel="stylesheet" href="/q/graphql-ui/graphiql.min.css">
              <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
            </head>
            <body>
              <div id="graphiql">Signing in...</div>
              <script src="/q/graphql-ui/react.production.min.js"></script>
              <script src="/q/graphql-ui/react-dom.production.min.js"></script>
              <script src="/q/graphql-ui/graphiql.min.js"></script>
              <script>
                const params = new URLSearchParams(window.location.search);
                const user = params.get('user') || 'alice';
                const tenant = params.get('tenant');
                const query = params.get('query');
                fetch('/dev/token?user=' + encodeURIComponent(user)).then(async answer => {
                  const text = await answer.text();
                  if (!answer.ok) {
                    document.getElementById('graphiql').textContent = text;
                    return;
                  }
                  const auth = { Authorization: 'Bearer ' + text.trim() };
                  if (tenant) {
                    auth['X-Tenant-Id'] = tenant;
                  }
                  const ws = (window.location.protocol === 'https:' ? 'wss://' : 'ws://') + window.location.host;
                  const fetcher = GraphiQL.createFetcher({
                    url: window.location.origin + '/graphql',
                    subscriptionUrl: ws + '/graphql',
                    headers: auth,
                    wsConnectionParams: auth
                  });
                  ReactDOM.render(React.createElement(GraphiQL, {
                    fetcher: fetcher,
                    query: query || undefined,
                    defaultQuery: 'subscription Alerts {\\n  quotaAlerts {\\n    kind\\n    previousState\\n'
                      + '    quota { scope resourceType period status limitUsd currentSpendUsd remainingUsd }\\n'
                      + '  }\\n}\\n',
                    headerEditorEnabled: true
                  }), document.getElementById('graphiql'));
                });
              </script>
            </body>
            </html>
            """;

    void register(@Observes Router router) {
        router.get("/dev/graphiql").handler(this::page);
    }

    private void page(RoutingContext context) {
        context.response().putHeader("Content-Type", "text/html; charset=utf-8").end(PAGE);
    }
}
