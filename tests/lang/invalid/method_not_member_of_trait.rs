// A trait impl may only define the trait's methods; `size` belongs in an inherent `impl Disk`.
trait Describe {
    fn name(&self) -> String;
}

struct Disk;

impl Describe for Disk {
    fn name(&self) -> String {
        String::from("disk")
    }

    fn size(&self) -> u32 {
        4
    }
}

async fn main() {
    println!("{}", Disk.name());
}
