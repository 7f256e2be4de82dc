import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/** Whether the query selects `name` directly under the field being resolved (through fragments too). */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  return info.fieldNodes.some((node) => node.selectionSet && inSelection(node.selectionSet, name, info));
}

function inSelection(selectionSet: SelectionSetNode, name: string, info: GraphQLResolveInfo): boolean {
  return selectionSet.selections.some((selection) => {
    switch (selection.kind) {
      case Kind.FIELD:
        return (selection as FieldNode).name.value === name;
      case Kind.INLINE_FRAGMENT:
        return inSelection(selection.selectionSet, name, info);
      case Kind.FRAGMENT_SPREAD: {
        const fragment = info.fragments[selection.name.value];
        return fragment !== undefined && inSelection(fragment.selectionSet, name, info);
      }
    }
  });
}
