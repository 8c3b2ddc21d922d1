import { findFlowGraphProblems, orderSteps } from './flowGraph';

describe('flow graph', () => {
  it('accepts a graph with a fan-out and a join', () => {
    const steps = [
      { environment: 'production', dependsOn: ['staging', 'perf'] },
      { environment: 'staging' },
      { environment: 'perf', dependsOn: ['dev'] },
    ];
    expect(findFlowGraphProblems('dev', steps)).toEqual([]);
    expect(orderSteps(steps, 'dev').map(step => step.environment)).toEqual([
      'staging',
      'perf',
      'production',
    ]);
  });

  it('finds a cycle and names it', () => {
    expect(
      findFlowGraphProblems('dev', [
        { environment: 'staging', dependsOn: ['production'] },
        { environment: 'production', dependsOn: ['qa'] },
        { environment: 'qa', dependsOn: ['staging'] },
      ]),
    ).toEqual([
      {
        path: ['steps'],
        message:
          'the steps depend on each other in a cycle (staging → production → qa → staging), so none of them could start',
      },
    ]);
  });

  it('finds dangling, self and duplicate references', () => {
    expect(
      findFlowGraphProblems('dev', [
        { environment: 'staging', dependsOn: ['dev', 'uat'] },
        { environment: 'staging', dependsOn: ['staging'] },
        { environment: 'dev' },
      ]),
    ).toEqual([
      {
        path: ['steps', 1, 'environment'],
        message:
          '"staging" has more than one step; each environment appears once in a flow',
      },
      {
        path: ['steps', 2, 'environment'],
        message:
          '"dev" is the trigger environment; a step cannot promote into it',
      },
      {
        path: ['steps', 0, 'dependsOn', 1],
        message:
          '"uat" is neither the trigger environment "dev" nor a step of this flow',
      },
      {
        path: ['steps', 1, 'dependsOn', 0],
        message: 'step "staging" cannot depend on itself',
      },
    ]);
  });
});
