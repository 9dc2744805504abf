trait Describe {
    fn describe(&self) -> String;
}

struct Song;
struct Plain;

impl Describe for Song {
    fn describe(&self) -> String {
        String::from("song")
    }
}

fn show(d: &dyn Describe) {
    println!("{}", d.describe());
}

async fn main() {
    show(&Song);
    show(&Plain);
}
