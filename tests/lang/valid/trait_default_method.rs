// A trait with a required and a provided method: `Disk` takes the default `describe`, `Timer`
// writes its own; the default calls the required method through `self`.
trait Describe {
    fn name(&self) -> String;

    fn describe(&self) -> String {
        format!("<{}>", self.name())
    }
}

struct Disk {
    id: u32,
}

struct Timer;

impl Describe for Disk {
    fn name(&self) -> String {
        format!("disk {}", self.id)
    }
}

impl Describe for Timer {
    fn name(&self) -> String {
        String::from("timer")
    }

    fn describe(&self) -> String {
        format!("the {}", self.name())
    }
}

async fn main() {
    let d = Disk { id: 7 };
    let t = Timer;
    println!("{} / {}", d.describe(), t.describe());
}
