/** Completion finds the field path under the cursor and offers the schema's fields for it. */
import { describe, expect, it } from 'vitest';
import { pathAt, typeAt } from './schema-complete';

const doc = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx
        ports:
        - containerPort: 80
          `.split('\n');

describe('schema completion', () => {
  it('finds the path of a top-level field, a nested map and a list item', () => {
    expect(pathAt(doc, 3, 2)).toEqual({ path: ['metadata'], kind: 'Deployment' });
    expect(pathAt(doc, 7, 6)).toEqual({ path: ['spec', 'template', 'spec'], kind: 'Deployment' });
    expect(pathAt(doc, 9, 8)).toEqual({ path: ['spec', 'template', 'spec', 'containers'], kind: 'Deployment' });
    expect(pathAt(doc, 12, 10)).toEqual({ path: ['spec', 'template', 'spec', 'containers', 'ports'], kind: 'Deployment' });
  });

  it('finds a flush list ("containers:" then "- name" at the same column)', () => {
    const flush = ['kind: Pod', 'spec:', '  containers:', '  - name: c', '    '];
    expect(pathAt(flush, 4, 4)).toEqual({ path: ['spec', 'containers'], kind: 'Pod' });
    expect(pathAt(flush, 3, 4, 2)).toEqual({ path: ['spec', 'containers'], kind: 'Pod' });
  });

  it('resolves the schema type along the path', () => {
    expect(typeAt('Deployment', ['spec', 'template', 'spec', 'containers'])).toBe('V1Container');
    expect(typeAt('Deployment', ['spec'])).toBe('V1DeploymentSpec');
    expect(typeAt('Deployment', [])).toBe('V1Deployment');
  });
});
