/**
 * The server's message for one field, shown beside it. Give the field `{...invalidProps(id, messages)}`
 * so screen readers announce the message with the field and mark it invalid.
 */
export function FieldError({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <span id={id} className="mt-1 block text-sm font-normal text-red-700">
      {messages.join(" ")}
    </span>
  );
}

export function invalidProps(id: string, messages: string[] | undefined) {
  return messages?.length ? { "aria-invalid": true as const, "aria-describedby": id } : {};
}
