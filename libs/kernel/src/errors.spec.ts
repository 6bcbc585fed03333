import { NotFoundError } from './errors';

describe('an id that names nothing', () => {
  it('is an Error that says which kind of thing and which id, as the 404 answer shows it', () => {
    const error = new NotFoundError('lead', 'lead-42');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe('lead lead-42 was not found');
    expect(error.name).toBe('NotFoundError');
    expect(error.entity).toBe('lead');
    expect(error.id).toBe('lead-42');
    expect(String(error)).toBe('NotFoundError: lead lead-42 was not found');
  });
});
