/** One problem with a mapping or a mapped record: where (`path`) and why (`message`). */
export interface MappingIssue {
  /**
   * `InvalidMappingException`: a JSON pointer into the mapping document (`/fields/2/transform`).
   * `MappingFailedException`: the record field (`attributes.colour`) or destination property.
   */
  path: string;
  message: string;
}
