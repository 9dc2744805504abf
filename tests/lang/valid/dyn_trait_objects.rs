// Trait objects of the script's own traits: `&dyn Describe` and `Box<dyn Describe>` hold
// different structs; each call goes to the impl of the value behind the pointer.
trait Describe {
    fn describe(&self) -> String;
    fn shout(&self) -> String {
        self.describe().to_uppercase()
    }
}

struct Song {
    n: u32,
}

struct Book;

impl Describe for Song {
    fn describe(&self) -> String {
        format!("song {}", self.n)
    }
}

impl Describe for Book {
    fn describe(&self) -> String {
        String::from("book")
    }
}

fn show(d: &dyn Describe) {
    println!("{}", d.describe());
}

fn pick(song: bool) -> Box<dyn Describe> {
    if song {
        Box::new(Song { n: 7 })
    } else {
        Box::new(Book)
    }
}

async fn main() {
    let items: Vec<Box<dyn Describe>> = vec![Box::new(Song { n: 3 }), Box::new(Book)];
    for it in items.iter() {
        println!("{}", it.describe());
    }
    show(&Book);
    show(&Song { n: 1 });
    let b = pick(true);
    show(&*b);
    println!("{}", pick(false).shout());
}
