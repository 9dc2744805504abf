// A tuple struct is built like a call and read by position (`.0`); a unit struct is a value of
// its own name.
struct TaskId(u64);

struct Song;

impl TaskId {
    fn next(&self) -> TaskId {
        TaskId(self.0 + 1)
    }
}

impl Song {
    fn title(&self) -> String {
        String::from("la")
    }
}

async fn main() {
    let id = TaskId(41);
    let n = id.next();
    let s = Song;
    println!("{} {} {}", id.0, n.0, s.title());
}
