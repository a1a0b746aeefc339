import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react';

/**
 * A text box whose text is parsed into a value on every keystroke, while the text typed stays as typed (a half-typed
 * list "a, " keeps its comma). Text from outside (undo, another tab) replaces it only when it means something else.
 */
export function TextBox({ text, onText, normalize, ...rest }: {
  text: string;
  onText: (text: string) => void;
  /** Text → the text the value it parses to would be shown as. */
  normalize: (text: string) => string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  const [local, setLocal] = useState(text);
  const lastSent = useRef(text);
  useEffect(() => {
    if (text !== lastSent.current && text !== normalize(local)) setLocal(text);
    lastSent.current = text;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);
  return (
    <input
      {...rest}
      value={local}
      onChange={(e) => {
        setLocal(e.target.value);
        lastSent.current = normalize(e.target.value);
        onText(e.target.value);
      }}
    />
  );
}
