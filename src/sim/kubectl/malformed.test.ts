/**
 * A corpus of malformed kubectl command lines, each with kubectl's own error
 * (pflag's, cobra's, kubectl's or the API server's wording), none of which
 * changes the cluster.
 */
import { describe, expect, it } from 'vitest';
import { defaultNodes, defaultObjects } from '../../worker/default-cluster';
import type { Simulation } from '../simulation';
import { parseKubectl, runParsed } from './index';
import { bootCluster } from './kubectl-test-world';
import { openKubectlStream } from './watch';

const CORPUS: [line: string, error: string][] = [
  ['kubectl get pods --foo', "error: unknown flag: --foo\nSee 'kubectl get --help' for usage."],
  ['kubectl get pods -x', "error: unknown shorthand flag: 'x' in -x\nSee 'kubectl get --help' for usage."],
  ['kubectl get pods -n', "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage."],
  ['kubectl get pods --namespace', "error: flag needs an argument: --namespace\nSee 'kubectl get --help' for usage."],
  ['kubectl get foo', 'error: the server doesn\'t have a resource type "foo"'],
  ['kubectl get pods,foo', 'error: the server doesn\'t have a resource type "foo"'],
  ['kubectl get ingress', 'error: the server doesn\'t have a resource type "ingress"'],
  ['kubectl get', 'error: Required resource not specified.'],
  ['kubectl get pod nope', 'Error from server (NotFound): pods "nope" not found'],
  ['kubectl get pods -o table', 'error: unable to match a printer suitable for the output format "table"'],
  ['kubectl get pods -o jsonpath={.items[0].nope}', 'error: error executing jsonpath "{.items[0].nope}": nope is not found'],
  ['kubectl get pods -o jsonpath={.items[', 'error: error parsing jsonpath {.items[, unclosed action'],
  ['kubectl get pods -l "app in (web"', 'error: unable to parse requirement'],
  ['kubectl get pods --field-selector spec.color=blue', 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.color=blue": field label not supported: spec.color'],
  ['kubectl get pods/', 'error: arguments in resource/name form must have a single resource and name'],
  ['kubectl get pods,svc web', 'error: you may only specify a single resource type'],
  ['kubectl describe', 'error: Required resource not specified.'],
  ['kubectl describe node nope', 'Error from server (NotFound): nodes "nope" not found'],
  ['kubectl frobnicate', 'error: unknown command "frobnicate" for "kubectl"'],
  ['ls -la', 'ls: command not found (this console runs kubectl only)'],
  ['kubectl get pods | grep web', 'error: this console runs kubectl only: shell syntax "|" is not supported'],
  ['kubectl get pods "web', 'error: unterminated quote (")'],
  ['kubectl cordon', 'error: USAGE: cordon NODE [flags]'],
  ['kubectl cordon nope', 'Error from server (NotFound): nodes "nope" not found'],
  ['kubectl uncordon nope', 'Error from server (NotFound): nodes "nope" not found'],
  ['kubectl drain nope', 'Error from server (NotFound): nodes "nope" not found'],
  ['kubectl drain zone-a-1 --timeout=soon', 'error: invalid argument "soon" for "--timeout" flag: time: invalid duration "soon"'],
  ['kubectl drain zone-a-1 --grace-period=x', 'error: invalid argument "x" for "--grace-period" flag: strconv.ParseInt: parsing "x": invalid syntax'],
  ['kubectl taint nodes zone-a-1', 'error: at least one taint update is required'],
  ['kubectl taint nodes zone-a-1 dedicated=db:Sometimes', 'error: invalid taint effect: Sometimes, unsupported taint effect'],
  ['kubectl taint pods db-0 a=b:NoSchedule', 'error: invalid resource type pods, only node types are supported'],
  ['kubectl taint nodes zone-a-1 missing:NoSchedule-', 'error: taint "missing:NoSchedule" not found'],
  ['kubectl scale deployment web', 'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0'],
  ['kubectl scale deployment web --replicas=-1', 'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0'],
  ['kubectl scale deployment web --replicas=many', 'error: invalid argument "many" for "--replicas" flag: strconv.ParseInt: parsing "many": invalid syntax'],
  ['kubectl scale deployment nope --replicas=2', 'Error from server (NotFound): deployments.apps "nope" not found'],
  ['kubectl scale ds log-agent -n kube-system --replicas=2', 'Error from server (NotFound): the server could not find the requested resource'],
  ['kubectl delete', 'error: You must provide one or more resources by argument or filename.'],
  ['kubectl delete pods', 'error: resource(s) were provided, but no name was specified'],
  ['kubectl delete pod nope', 'Error from server (NotFound): pods "nope" not found'],
  ['kubectl delete pod db-0 --now --grace-period=5', 'error: --now and --grace-period cannot be specified together'],
  ['kubectl apply', 'error: must specify one of -f and -k'],
  ['kubectl apply -f deploy.yaml', 'error: the path "deploy.yaml" does not exist'],
  ['kubectl apply -f -', 'error: no objects passed to apply'],
  ['kubectl label pods db-0 app=other', "error: 'app' already has a value (db), and --overwrite is false"],
  ['kubectl label pods db-0', 'error: at least one label update is required'],
  ['kubectl annotate pods nope a=b', 'Error from server (NotFound): pods "nope" not found'],
  ['kubectl set image deployment/web httpd=httpd:2', 'error: unable to find container named "httpd"'],
  ['kubectl set resources deployment/web', 'error: unknown command "resources" for "kubectl set"'],
  ['kubectl rollout', 'error: kubectl rollout needs a subcommand'],
  ['kubectl rollout sideways deployment/web', 'error: unknown command "sideways" for "kubectl rollout"'],
  ['kubectl rollout undo deployment/web', 'error: no rollout history found for deployment "web"'],
  ['kubectl rollout undo deployment/web --to-revision=7', 'error: unable to find specified revision 7 in history'],
  ['kubectl rollout resume deployment/web', 'error: deployments.apps "web" is already resumed'],
  ['kubectl rollout status deployment/nope', 'Error from server (NotFound): deployments.apps "nope" not found'],
  ['kubectl create namespace default', 'Error from server (AlreadyExists): namespaces "default" already exists'],
  ['kubectl create deployment hello', 'error: required flag(s) "image" not set'],
  ['kubectl top pods', 'error: Metrics API not available'],
  ['kubectl top', 'error: kubectl top needs a subcommand: node or pod'],
  ['kubectl logs', 'error: expected \'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]\'.'],
  ['kubectl logs nope', 'Error from server (NotFound): pods "nope" not found'],
  ['kubectl logs db-0 -c nope', 'Error from server (BadRequest): container nope is not valid for pod db-0'],
  ['kubectl exec db-0', 'error: you must specify at least one command for the container'],
  ['kubectl explain', 'error: You must specify the type of resource to explain.'],
  ['kubectl explain widgets', 'error: the server doesn\'t have a resource type "widgets"'],
  ['kubectl config set-context x', 'error: unknown command "set-context" for "kubectl config"'],
  ['kubectl events --types=Fatal', 'error: valid --types are Normal or Warning'],
  ['kubectl get pods -w -o yaml', 'error: this console streams tables only with -w'],
];

function state(sim: Simulation): string {
  const objects = sim.api.snapshot().objects.map((o) => JSON.stringify(o)).sort();
  return objects.join('\n');
}

describe('malformed kubectl commands', () => {
  const sim = bootCluster(defaultNodes(), defaultObjects(), 312_000);
  it('has at least 40 cases', () => expect(CORPUS.length).toBeGreaterThanOrEqual(40));
  for (const [line, error] of CORPUS) {
    it(line, () => {
      const before = state(sim);
      const parsed = parseKubectl(line);
      let stderr: string;
      let exitCode: number;
      if (!parsed.ok) ({ stderr, exitCode } = parsed.output);
      else if (parsed.mutating) {
        const record = sim.act({ do: 'kubectl', line });
        ({ stderr, exitCode } = record.output!);
      } else if (parsed.streaming && line.includes(' -w')) {
        const polled = openKubectlStream(parsed).poll(sim);
        stderr = polled.chunks.filter((c) => c.stream === 'stderr').map((c) => c.text).join('\n');
        exitCode = polled.done ? 1 : 0;
      } else ({ stderr, exitCode } = runParsed(sim, parsed));
      expect(exitCode).toBe(1);
      expect(stderr).toContain(error);
      expect(state(sim)).toBe(before);
    });
  }
});
