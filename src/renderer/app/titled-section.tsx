import { Subtitle2 } from '@fluentui/react-components';
import { type ReactElement, type ReactNode, useId } from 'react';

/** A section of a page named by its own heading, so assistive technology lists it by that name. */
export const TitledSection = ({
  title,
  className,
  children,
}: {
  /** The section's heading (an h3). */
  readonly title: ReactNode;
  readonly className: string;
  readonly children: ReactNode;
}): ReactElement => {
  const headingId = useId();
  return (
    <section className={className} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId}>
        {title}
      </Subtitle2>
      {children}
    </section>
  );
};
