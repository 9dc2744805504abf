// An impl of `Describe` must define every method without a default body.
trait Describe {
    fn name(&self) -> String;
    fn short(&self) -> String;
}

struct Disk;

impl Describe for Disk {
    fn name(&self) -> String {
        String::from("disk")
    }
}

async fn main() {
    println!("{}", Disk.name());
}
