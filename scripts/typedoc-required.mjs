// A TypeDoc plugin for docs/api: in a table of options that has a "Default value" column, a required
// option reads "required" rather than the markdown theme's `undefined`.
import { Comment, CommentTag, Converter, ReflectionKind } from 'typedoc';

const hasDefault = (reflection) => reflection.comment?.getTag('@defaultValue') !== undefined;

export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    for (const property of context.project.getReflectionsByKind(ReflectionKind.Property)) {
      if (property.flags.isOptional || hasDefault(property)) continue;
      const siblings = property.parent?.children ?? [];
      if (!siblings.some(hasDefault)) continue;
      property.comment ??= new Comment();
      property.comment.blockTags.push(new CommentTag('@defaultValue', [{ kind: 'text', text: 'required' }]));
    }
  });
}
