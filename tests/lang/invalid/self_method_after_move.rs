// `finish` takes `self` by value: the first call moves `j`.
struct Job {
    name: String,
}

impl Job {
    fn finish(self) -> String {
        self.name
    }
}

async fn main() {
    let j = Job { name: String::from("a") };
    let a = j.finish();
    let b = j.finish();
    println!("{} {}", a, b);
}
