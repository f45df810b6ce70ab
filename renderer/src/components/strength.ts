export type StrengthScore = 0 | 1 | 2 | 3 | 4;
type Estimate = (password: string, userInputs: string[]) => StrengthScore;

let loading: Promise<Estimate> | null = null;

/**
 * zxcvbn-ts with its common-password dictionaries, loaded on first use: the dictionaries are most of
 * its weight, so they sit in their own chunk and only the screens that set a password fetch them.
 */
export function loadEstimator(): Promise<Estimate> {
  loading ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(([core, common]) => {
    const zxcvbn = new core.ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs });
    return (password, userInputs) => zxcvbn.check(password, userInputs).score as StrengthScore;
  });
  return loading;
}
