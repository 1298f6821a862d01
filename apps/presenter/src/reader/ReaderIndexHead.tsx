// The top of the offline course's deck index: its title, when it was built, and search.
import { CourseSearch } from './CourseSearch';
import { readerCourse } from './reader-data';

export function ReaderIndexHead() {
  const course = readerCourse();
  return (
    <header className="reader-index-head">
      <h1>{course.title}</h1>
      <p className="reader-built">
        Offline copy, built {new Date(course.built).toLocaleDateString()}. Run buttons replay what each example printed when it was recorded.
      </p>
      <CourseSearch />
    </header>
  );
}
