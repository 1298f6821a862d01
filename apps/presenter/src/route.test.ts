import { describe, expect, it } from 'vitest';
import { readRoute, routeHash } from './route';

describe('routes', () => {
  it('reads the deck index, a slide, and the presenter and overview views', () => {
    expect(readRoute('')).toEqual({ deck: null, slide: 1, view: 'audience' });
    expect(readRoute('#/02-running-containers/7')).toEqual({ deck: '02-running-containers', slide: 7, view: 'audience' });
    expect(readRoute('#/course/3/presenter')).toEqual({ deck: 'course', slide: 3, view: 'presenter' });
    expect(readRoute('#/course/3/overview')).toEqual({ deck: 'course', slide: 3, view: 'overview' });
  });

  it('falls back to slide 1 and the audience view for anything it does not know', () => {
    expect(readRoute('#/course')).toEqual({ deck: 'course', slide: 1, view: 'audience' });
    expect(readRoute('#/course/0/elsewhere')).toEqual({ deck: 'course', slide: 1, view: 'audience' });
  });

  it('writes what it reads', () => {
    for (const route of [
      { deck: 'a deck', slide: 12, view: 'presenter' as const },
      { deck: 'course', slide: 1, view: 'audience' as const },
    ]) {
      expect(readRoute(routeHash(route))).toEqual(route);
    }
    expect(routeHash({ deck: 'course', slide: 4 })).toBe('#/course/4');
  });
});
